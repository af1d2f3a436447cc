package io.tributary.coordinator.transaction.state;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * What the coordinator persists about a transactional id; each change is a new value written as a record.
 *
 * @param lastProducerId    the producer id before the last rotation (epoch exhaustion), else -1
 * @param lastProducerEpoch the epoch before the last client-requested bump, so that a retried InitProducerId
 *                          is recognised; -1 after a bump that fences (timeout, re-init over an ongoing txn)
 * @param startTimestamp    when the current transaction added its first partition, -1 when none started
 */
public record TransactionMetadata(long producerId, long lastProducerId, short producerEpoch, short lastProducerEpoch,
                                  int timeoutMs, TransactionState state, Set<TopicPartition> partitions,
                                  long startTimestamp, long lastUpdateTimestamp) {

    public TransactionMetadata {
        partitions = Set.copyOf(partitions);
    }

    /** Epochs stop one short of the maximum so that a fencing bump always remains possible. */
    public boolean isEpochExhausted() {
        return producerEpoch >= Short.MAX_VALUE - 1;
    }

    public TransactionMetadata withState(TransactionState newState, long now) {
        return new TransactionMetadata(producerId, lastProducerId, producerEpoch, lastProducerEpoch, timeoutMs,
                newState, partitions, startTimestamp, now);
    }

    /** The transaction includes {@code added} too; a transaction starts its clock at its first partition. */
    public TransactionMetadata withPartitions(Set<TopicPartition> added, long now) {
        Set<TopicPartition> all = new HashSet<>(state == TransactionState.ONGOING ? partitions : Set.of());
        all.addAll(added);
        long start = state == TransactionState.ONGOING ? startTimestamp : now;
        return new TransactionMetadata(producerId, lastProducerId, producerEpoch, lastProducerEpoch, timeoutMs,
                TransactionState.ONGOING, all, start, now);
    }

    /** Markers are written; the partitions are no longer part of any transaction. */
    public TransactionMetadata completed(long now) {
        TransactionState done = state == TransactionState.PREPARE_COMMIT
                ? TransactionState.COMPLETE_COMMIT : TransactionState.COMPLETE_ABORT;
        return new TransactionMetadata(producerId, lastProducerId, producerEpoch, lastProducerEpoch, timeoutMs,
                done, Set.of(), startTimestamp, now);
    }

    /** Aborts the ongoing transaction under a new epoch, so that its producer (a zombie) is fenced. */
    public TransactionMetadata fencedAbort(long now) {
        short epoch = isEpochExhausted() ? producerEpoch : (short) (producerEpoch + 1);
        return new TransactionMetadata(producerId, lastProducerId, epoch, RecordBatch.NO_PRODUCER_EPOCH, timeoutMs,
                TransactionState.PREPARE_ABORT, partitions, startTimestamp, now);
    }

    /** A (re)initialised producer: the next epoch, or a new producer id once epochs are exhausted. */
    public TransactionMetadata initialized(int newTimeoutMs, LongSupplier newProducerId, long now) {
        if (isEpochExhausted()) {
            return new TransactionMetadata(newProducerId.getAsLong(), producerId, (short) 0, producerEpoch, newTimeoutMs,
                    TransactionState.EMPTY, Set.of(), -1L, now);
        }
        return new TransactionMetadata(producerId, RecordBatch.NO_PRODUCER_ID, (short) (producerEpoch + 1),
                producerEpoch, newTimeoutMs, TransactionState.EMPTY, Set.of(), -1L, now);
    }

    public static TransactionMetadata newProducer(long producerId, int timeoutMs, long now) {
        return new TransactionMetadata(producerId, RecordBatch.NO_PRODUCER_ID, (short) 0,
                RecordBatch.NO_PRODUCER_EPOCH, timeoutMs, TransactionState.EMPTY, Set.of(), -1L, now);
    }
}
