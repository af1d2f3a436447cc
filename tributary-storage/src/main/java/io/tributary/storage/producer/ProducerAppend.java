package io.tributary.storage.producer;

import java.util.HashMap;
import java.util.Map;
import io.tributary.storage.api.VerificationGuard;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Producer-state changes of one append, staged so that nothing changes unless the write succeeds and so that
 * several batches of one producer in the same request are checked against each other.
 */
public final class ProducerAppend {

    private final ProducerStateManager manager;
    private final TopicPartition tp;
    private final VerificationGuard guard;
    private Map<Long, ProducerEntry> staged;

    ProducerAppend(ProducerStateManager manager, TopicPartition tp, VerificationGuard guard) {
        this.manager = manager;
        this.tp = tp;
        this.guard = guard;
    }

    /**
     * Applies Kafka's idempotence and transaction rules to a batch that would get offsets [firstOffset, lastOffset].
     * Returns the original batch if this one is a retry of a cached batch, otherwise null. A producer's first
     * transactional batch after a marker opens its transaction at firstOffset.
     */
    public BatchMetadata check(RecordBatch batch, long firstOffset, long lastOffset) {
        long pid = batch.producerId();
        short epoch = batch.producerEpoch();
        int firstSeq = batch.baseSequence();
        int lastSeq = batch.lastSequence();
        ProducerEntry current = staged != null && staged.containsKey(pid) ? staged.get(pid) : manager.entry(pid);
        if (current != null && epoch < current.epoch())
            throw new InvalidProducerEpochException("Producer " + pid + " epoch " + epoch + " is older than the current "
                    + current.epoch() + " on " + tp);
        if (current != null && epoch == current.epoch()) {
            BatchMetadata duplicate = current.findDuplicate(firstSeq, lastSeq);
            if (duplicate != null) return duplicate;
        }
        int expectedAfter = current == null || epoch != current.epoch() ? RecordBatch.NO_SEQUENCE : current.lastSequence();
        if (!inSequence(expectedAfter, firstSeq))
            throw new OutOfOrderSequenceException("Out of order sequence for producer " + pid + " on " + tp
                    + ": expected " + (expectedAfter == Integer.MAX_VALUE ? 0 : expectedAfter + 1L)
                    + " (epoch " + epoch + ") but got " + firstSeq);
        if (!batch.isTransactional() && current != null && current.inTransaction())
            throw new InvalidTxnStateException("Producer " + pid + " sent a non-transactional batch to " + tp
                    + " while its transaction from offset " + current.currentTxnFirstOffset() + " is open");
        boolean opensTransaction = batch.isTransactional() && (current == null || !current.inTransaction());
        if (opensTransaction && guard != null && !manager.isVerified(pid, guard))
            throw new InvalidTxnStateException("Producer " + pid + " is not in a transaction verified for " + tp
                    + " (its transaction ended, or the partition was not added to it)");
        ProducerEntry next = current == null ? new ProducerEntry(pid, epoch) : current.copy();
        next.addBatch(epoch, new BatchMetadata(firstSeq, lastSeq, firstOffset, lastOffset, batch.maxTimestamp()));
        if (batch.isTransactional()) next.beginTransactionIfNone(firstOffset);
        if (staged == null) staged = new HashMap<>(4);
        staged.put(pid, next);
        return null;
    }

    /** Sequences wrap from Integer.MAX_VALUE to 0; a new producer or epoch starts at 0. */
    static boolean inSequence(int lastSeq, int nextSeq) {
        return nextSeq == lastSeq + 1L || (nextSeq == 0 && lastSeq == Integer.MAX_VALUE);
    }

    public void commit(long nextOffset) {
        if (staged != null) manager.commit(staged, nextOffset);
    }
}
