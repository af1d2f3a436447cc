package io.tributary.coordinator.transaction;

import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.transaction.records.TransactionRecord;
import io.tributary.coordinator.transaction.state.TransactionMetadata;
import io.tributary.coordinator.transaction.state.TransactionState;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;

/**
 * EndTxn: records the decision (PrepareCommit/PrepareAbort), answers once it is durable, then the markers are
 * written. A retry of a decision already taken gets the same answer.
 */
final class EndTxnHandler {

    private final TransactionStore transactions;
    private final TransactionMarkers markers;
    private final Time time;

    EndTxnHandler(TransactionStore transactions, TransactionMarkers markers, Time time) {
        this.transactions = transactions;
        this.markers = markers;
        this.time = time;
    }

    CoordinatorResult<EndTxnResponseData, TransactionRecord> handle(EndTxnRequestData request) {
        TransactionMetadata current = transactions.get(request.transactionalId());
        if (current == null || current.producerId() != request.producerId()) {
            return CoordinatorResult.of(error(Errors.INVALID_PRODUCER_ID_MAPPING));
        }
        if (current.producerEpoch() != request.producerEpoch()) {
            return CoordinatorResult.of(error(Errors.PRODUCER_FENCED));
        }
        boolean commit = request.committed();
        Errors outcome = switch (current.state()) {
            case ONGOING -> null;
            case COMPLETE_COMMIT -> commit ? Errors.NONE : Errors.INVALID_TXN_STATE;
            case COMPLETE_ABORT -> commit ? Errors.INVALID_TXN_STATE : Errors.NONE;
            case PREPARE_COMMIT -> commit ? Errors.CONCURRENT_TRANSACTIONS : Errors.INVALID_TXN_STATE;
            case PREPARE_ABORT -> commit ? Errors.INVALID_TXN_STATE : Errors.CONCURRENT_TRANSACTIONS;
            default -> Errors.INVALID_TXN_STATE;
        };
        if (outcome != null) {
            return CoordinatorResult.of(response(outcome, current));
        }
        TransactionMetadata prepared = current.withState(
                commit ? TransactionState.PREPARE_COMMIT : TransactionState.PREPARE_ABORT, time.milliseconds());
        return markers.prepare(request.transactionalId(), prepared, response(Errors.NONE, prepared));
    }

    static EndTxnResponseData error(Errors error) {
        return new EndTxnResponseData().setErrorCode(error.code()).setProducerId(-1L).setProducerEpoch((short) -1);
    }

    private static EndTxnResponseData response(Errors error, TransactionMetadata metadata) {
        return new EndTxnResponseData().setErrorCode(error.code()).setProducerId(metadata.producerId())
                .setProducerEpoch(metadata.producerEpoch());
    }
}
