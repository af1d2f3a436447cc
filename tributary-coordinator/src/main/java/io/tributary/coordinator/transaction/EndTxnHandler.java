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
 *
 * <p>From EndTxn v5 (transaction version 2, KIP-890) every decision bumps the producer epoch: the markers carry
 * the new epoch, the response hands it to the client for its next transaction, and a retry is recognised by the
 * epoch one below the stored one. Such a client may also abort when no transaction is open (to get a fresh epoch).
 */
final class EndTxnHandler {

    private final TransactionStore transactions;
    private final TransactionMarkers markers;
    private final ProducerIdGenerator producerIds;
    private final Time time;

    EndTxnHandler(TransactionStore transactions, TransactionMarkers markers, ProducerIdGenerator producerIds,
                  Time time) {
        this.transactions = transactions;
        this.markers = markers;
        this.producerIds = producerIds;
        this.time = time;
    }

    CoordinatorResult<EndTxnResponseData, TransactionRecord> handle(EndTxnRequestData request,
                                                                   boolean transactionV2) {
        TransactionMetadata current = transactions.get(request.transactionalId());
        if (current == null) {
            return CoordinatorResult.of(error(Errors.INVALID_PRODUCER_ID_MAPPING));
        }
        return transactionV2 ? handleV2(request, current) : handleV1(request, current);
    }

    private CoordinatorResult<EndTxnResponseData, TransactionRecord> handleV1(EndTxnRequestData request,
                                                                             TransactionMetadata current) {
        if (current.producerId() != request.producerId()) {
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

    /** Kafka's transaction version 2 rules: which (id, epoch) is the current request, which a retry. */
    private CoordinatorResult<EndTxnResponseData, TransactionRecord> handleV2(EndTxnRequestData request,
                                                                             TransactionMetadata current) {
        short epoch = request.producerEpoch();
        // The client did not get the answer of a decision that rotated its producer id, and asks again.
        boolean retryOnOverflow = current.lastProducerId() == request.producerId()
                && epoch == Short.MAX_VALUE - 1 && current.producerEpoch() == 0;
        // The client did not get the answer of a decision that bumped its epoch, and asks again.
        boolean retryOnEpochBump = current.producerEpoch() == epoch + 1;
        if (current.producerId() != request.producerId() && !retryOnOverflow) {
            return CoordinatorResult.of(error(Errors.INVALID_PRODUCER_ID_MAPPING));
        }
        boolean sameEpoch = epoch == current.producerEpoch();
        boolean validEpoch = switch (current.state()) {
            case PREPARE_COMMIT, PREPARE_ABORT -> retryOnEpochBump;
            case COMPLETE_COMMIT, COMPLETE_ABORT -> retryOnEpochBump || retryOnOverflow || sameEpoch;
            default -> sameEpoch;
        };
        if (!validEpoch) {
            return CoordinatorResult.of(error(Errors.PRODUCER_FENCED));
        }
        boolean retry = retryOnEpochBump || retryOnOverflow;
        boolean commit = request.committed();
        return switch (current.state()) {
            case ONGOING -> prepare(request, current,
                    commit ? TransactionState.PREPARE_COMMIT : TransactionState.PREPARE_ABORT);
            case COMPLETE_COMMIT -> commit
                    ? (retry ? CoordinatorResult.of(response(Errors.NONE, current)) : invalidState())
                    : (retry ? invalidState() : prepare(request, current, TransactionState.PREPARE_ABORT));
            case COMPLETE_ABORT -> commit ? invalidState()
                    : retry ? CoordinatorResult.of(response(Errors.NONE, current))
                    : prepare(request, current, TransactionState.PREPARE_ABORT);
            case PREPARE_COMMIT -> commit ? concurrent() : invalidState();
            case PREPARE_ABORT -> commit ? invalidState() : concurrent();
            case EMPTY -> commit ? invalidState() : prepare(request, current, TransactionState.PREPARE_ABORT);
            default -> invalidState();
        };
    }

    /** The decision under the next epoch; an abort with no partition completes at once (no marker to write). */
    private CoordinatorResult<EndTxnResponseData, TransactionRecord> prepare(EndTxnRequestData request,
                                                                            TransactionMetadata current,
                                                                            TransactionState prepareState) {
        TransactionMetadata prepared = current.preparedWithEpochBump(prepareState, producerIds::nextProducerId,
                time.milliseconds());
        return markers.prepare(request.transactionalId(), prepared, new EndTxnResponseData()
                .setErrorCode(Errors.NONE.code())
                .setProducerId(prepared.producerIdAfterCompletion())
                .setProducerEpoch(prepared.producerEpochAfterCompletion()));
    }

    private static CoordinatorResult<EndTxnResponseData, TransactionRecord> invalidState() {
        return CoordinatorResult.of(error(Errors.INVALID_TXN_STATE));
    }

    private static CoordinatorResult<EndTxnResponseData, TransactionRecord> concurrent() {
        return CoordinatorResult.of(error(Errors.CONCURRENT_TRANSACTIONS));
    }

    static EndTxnResponseData error(Errors error) {
        return new EndTxnResponseData().setErrorCode(error.code()).setProducerId(-1L).setProducerEpoch((short) -1);
    }

    private static EndTxnResponseData response(Errors error, TransactionMetadata metadata) {
        return new EndTxnResponseData().setErrorCode(error.code()).setProducerId(metadata.producerId())
                .setProducerEpoch(metadata.producerEpoch());
    }
}
