package io.tributary.broker.produce;

import io.tributary.broker.api.TransactionVerifier;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * The partitions of one transactional produce request whose producer has no open transaction there yet: they wait
 * for the coordinator's word (KIP-890), asked once for all of them when the request's partitions are walked.
 */
final class PendingVerification {

    private final String transactionalId;
    private final boolean add;
    private final Map<TopicPartition, CompletableFuture<Errors>> waiting = new HashMap<>();
    private long producerId = -1L;
    private short producerEpoch = -1;

    /** @param add transaction version 2 (Produce v12+): the partitions are added, not only verified */
    PendingVerification(String transactionalId, boolean add) {
        this.transactionalId = transactionalId;
        this.add = add;
    }

    boolean adds() {
        return add;
    }

    /** One producer per transactional request, as Kafka requires; another producer id fails its partition. */
    CompletableFuture<Errors> register(TopicPartition partition, long batchProducerId, short batchProducerEpoch) {
        if (waiting.isEmpty()) {
            producerId = batchProducerId;
            producerEpoch = batchProducerEpoch;
        } else if (producerId != batchProducerId || producerEpoch != batchProducerEpoch) {
            return CompletableFuture.completedFuture(Errors.INVALID_PRODUCER_ID_MAPPING);
        }
        return waiting.computeIfAbsent(partition, tp -> new CompletableFuture<>());
    }

    void send(TransactionVerifier verifier) {
        if (waiting.isEmpty()) {
            return;
        }
        verifier.verify(transactionalId, producerId, producerEpoch, waiting.keySet(), add)
                .whenComplete((errors, failure) -> waiting.forEach((tp, future) -> future.complete(
                        failure != null ? Errors.NETWORK_EXCEPTION
                                : errors.getOrDefault(tp, Errors.UNKNOWN_SERVER_ERROR))));
    }

    /**
     * The coordinator's answer as the producer must hear it (Kafka's ReplicaManager): PRODUCER_FENCED as the
     * abortable INVALID_PRODUCER_EPOCH, TRANSACTION_ABORTABLE only from Produce v11, and the retriable errors
     * older producers would not retry as NOT_ENOUGH_REPLICAS.
     */
    static Errors forProducer(Errors error, short produceVersion) {
        return switch (error) {
            case PRODUCER_FENCED -> Errors.INVALID_PRODUCER_EPOCH;
            case TRANSACTION_ABORTABLE -> produceVersion >= 11 ? error : Errors.INVALID_TXN_STATE;
            case CONCURRENT_TRANSACTIONS, NETWORK_EXCEPTION, COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE,
                 NOT_COORDINATOR, REQUEST_TIMED_OUT -> Errors.NOT_ENOUGH_REPLICAS;
            default -> error;
        };
    }
}
