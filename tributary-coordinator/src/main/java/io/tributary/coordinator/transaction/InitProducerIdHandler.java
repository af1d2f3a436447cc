package io.tributary.coordinator.transaction;

import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.transaction.records.TransactionRecord;
import io.tributary.coordinator.transaction.state.TransactionMetadata;
import io.tributary.coordinator.transaction.state.TransactionState;
import java.util.List;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.Time;

/**
 * InitProducerId with a transactional id: a new producer id, or the next epoch of the existing one (fencing
 * the previous producer instance). An ongoing transaction is aborted first; the client retries meanwhile.
 */
final class InitProducerIdHandler {

    private final TransactionStore transactions;
    private final TransactionCoordinatorConfig config;
    private final ProducerIdGenerator producerIds;
    private final TransactionMarkers markers;
    private final Time time;

    InitProducerIdHandler(TransactionStore transactions, TransactionCoordinatorConfig config,
                          ProducerIdGenerator producerIds, TransactionMarkers markers, Time time) {
        this.transactions = transactions;
        this.config = config;
        this.producerIds = producerIds;
        this.markers = markers;
        this.time = time;
    }

    CoordinatorResult<InitProducerIdResponseData, TransactionRecord> handle(InitProducerIdRequestData request) {
        int timeoutMs = request.transactionTimeoutMs();
        if (timeoutMs <= 0 || timeoutMs > config.maxTransactionTimeoutMs()) {
            return CoordinatorResult.of(error(Errors.INVALID_TRANSACTION_TIMEOUT));
        }
        String transactionalId = request.transactionalId();
        TransactionMetadata current = transactions.get(transactionalId);
        long now = time.milliseconds();
        if (current == null) {
            return write(transactionalId,
                    TransactionMetadata.newProducer(producerIds.nextProducerId(), timeoutMs, now));
        }
        if (current.state().isPreparing()) {
            return CoordinatorResult.of(error(Errors.CONCURRENT_TRANSACTIONS));
        }
        // KIP-360: a producer recovering from an abortable error names the id and epoch it has.
        if (request.producerId() != RecordBatch.NO_PRODUCER_ID) {
            if (isRetryOfLastBump(current, request)) {
                return CoordinatorResult.of(success(current));
            }
            if (request.producerId() != current.producerId() || request.producerEpoch() != current.producerEpoch()) {
                return CoordinatorResult.of(error(Errors.PRODUCER_FENCED));
            }
        }
        if (current.state() == TransactionState.ONGOING) {
            return markers.prepare(transactionalId, current.fencedAbort(now),
                    error(Errors.CONCURRENT_TRANSACTIONS));
        }
        return write(transactionalId, current.initialized(timeoutMs, producerIds::nextProducerId, now));
    }

    static InitProducerIdResponseData error(Errors error) {
        return new InitProducerIdResponseData().setErrorCode(error.code())
                .setProducerId(RecordBatch.NO_PRODUCER_ID).setProducerEpoch(RecordBatch.NO_PRODUCER_EPOCH);
    }

    /** The client did not get the answer to its last InitProducerId and sends it again: same answer. */
    private static boolean isRetryOfLastBump(TransactionMetadata current, InitProducerIdRequestData request) {
        return current.state() == TransactionState.EMPTY
                && current.lastProducerEpoch() != RecordBatch.NO_PRODUCER_EPOCH
                && request.producerEpoch() == current.lastProducerEpoch()
                && (request.producerId() == current.producerId() || request.producerId() == current.lastProducerId());
    }

    private CoordinatorResult<InitProducerIdResponseData, TransactionRecord> write(String transactionalId,
                                                                                  TransactionMetadata next) {
        return CoordinatorResult.of(List.of(new TransactionRecord(transactionalId, next)), success(next));
    }

    private static InitProducerIdResponseData success(TransactionMetadata metadata) {
        return new InitProducerIdResponseData().setErrorCode(Errors.NONE.code())
                .setProducerId(metadata.producerId()).setProducerEpoch(metadata.producerEpoch());
    }
}
