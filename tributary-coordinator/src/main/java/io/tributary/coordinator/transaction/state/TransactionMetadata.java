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
 * @param nextProducerId    while a transaction version 2 commit or abort exhausted the epoch: the producer id the
 *                          completion moves to (epoch 0), else -1
 * @param transactionVersion the transaction version a Prepare* state was decided under, which its markers carry
 *                          (WriteTxnMarkers v2, KIP-1228): 2 for a version 2 client's EndTxn (epoch bumped), 0
 *                          otherwise (a version 0/1 EndTxn, or the coordinator's own fencing abort)
 */
public record TransactionMetadata(long producerId, long lastProducerId, short producerEpoch, short lastProducerEpoch,
                                  int timeoutMs, TransactionState state, Set<TopicPartition> partitions,
                                  long startTimestamp, long lastUpdateTimestamp, long nextProducerId,
                                  short transactionVersion) {

    public static final short EPOCH_BUMP_TRANSACTION_VERSION = 2;

    public TransactionMetadata {
        partitions = Set.copyOf(partitions);
    }

    /** Not decided under transaction version 2. */
    public TransactionMetadata(long producerId, long lastProducerId, short producerEpoch, short lastProducerEpoch,
                               int timeoutMs, TransactionState state, Set<TopicPartition> partitions,
                               long startTimestamp, long lastUpdateTimestamp, long nextProducerId) {
        this(producerId, lastProducerId, producerEpoch, lastProducerEpoch, timeoutMs, state, partitions,
                startTimestamp, lastUpdateTimestamp, nextProducerId, (short) 0);
    }

    /** Without a pending producer id rotation. */
    public TransactionMetadata(long producerId, long lastProducerId, short producerEpoch, short lastProducerEpoch,
                               int timeoutMs, TransactionState state, Set<TopicPartition> partitions,
                               long startTimestamp, long lastUpdateTimestamp) {
        this(producerId, lastProducerId, producerEpoch, lastProducerEpoch, timeoutMs, state, partitions,
                startTimestamp, lastUpdateTimestamp, RecordBatch.NO_PRODUCER_ID);
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

    /**
     * Commit or abort decided by a transaction version 2 client (KIP-890): the epoch is bumped, so the markers are
     * written with the new epoch and every late write of the old one is fenced. An epoch that would reach the
     * maximum also gets {@code newProducerId}, which the producer moves to at completion.
     */
    public TransactionMetadata preparedWithEpochBump(TransactionState prepareState, LongSupplier newProducerId,
                                                     long now) {
        long next = isEpochExhausted() ? newProducerId.getAsLong() : RecordBatch.NO_PRODUCER_ID;
        return new TransactionMetadata(producerId, lastProducerId, (short) (producerEpoch + 1), lastProducerEpoch,
                timeoutMs, prepareState, partitions, startTimestamp, now, next, EPOCH_BUMP_TRANSACTION_VERSION);
    }

    /** The producer id and epoch the client continues with once this prepared transaction completes. */
    public long producerIdAfterCompletion() {
        return nextProducerId != RecordBatch.NO_PRODUCER_ID ? nextProducerId : producerId;
    }

    public short producerEpochAfterCompletion() {
        return nextProducerId != RecordBatch.NO_PRODUCER_ID ? 0 : producerEpoch;
    }

    /** Markers are written; the partitions are no longer part of any transaction. */
    public TransactionMetadata completed(long now) {
        TransactionState done = state == TransactionState.PREPARE_COMMIT
                ? TransactionState.COMPLETE_COMMIT : TransactionState.COMPLETE_ABORT;
        if (nextProducerId != RecordBatch.NO_PRODUCER_ID) {
            return new TransactionMetadata(nextProducerId, producerId, (short) 0, RecordBatch.NO_PRODUCER_EPOCH,
                    timeoutMs, done, Set.of(), startTimestamp, now);
        }
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
