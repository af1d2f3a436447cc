package io.tributary.storage.producer;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.common.record.internal.RecordBatch;

/** Mutable state of one producer id: its epoch and its last {@link #MAX_CACHED_BATCHES} batches. */
public final class ProducerEntry {

    /** Kafka clients keep at most 5 in-flight requests per connection when idempotent. */
    public static final int MAX_CACHED_BATCHES = 5;

    private final long producerId;
    private short epoch;
    private long lastTimestamp = RecordBatch.NO_TIMESTAMP;
    private final Deque<BatchMetadata> batches = new ArrayDeque<>(MAX_CACHED_BATCHES + 1);

    public ProducerEntry(long producerId, short epoch) {
        this.producerId = producerId;
        this.epoch = epoch;
    }

    ProducerEntry copy() {
        ProducerEntry copy = new ProducerEntry(producerId, epoch);
        copy.lastTimestamp = lastTimestamp;
        copy.batches.addAll(batches);
        return copy;
    }

    public long producerId() { return producerId; }
    public short epoch() { return epoch; }
    public long lastTimestamp() { return lastTimestamp; }
    public Deque<BatchMetadata> batches() { return batches; }

    public int lastSequence() {
        BatchMetadata last = batches.peekLast();
        return last == null ? RecordBatch.NO_SEQUENCE : last.lastSeq();
    }

    public long lastOffset() {
        BatchMetadata last = batches.peekLast();
        return last == null ? -1L : last.lastOffset();
    }

    BatchMetadata findDuplicate(int firstSeq, int lastSeq) {
        for (BatchMetadata batch : batches) {
            if (batch.firstSeq() == firstSeq && batch.lastSeq() == lastSeq) return batch;
        }
        return null;
    }

    /** Records a batch; a new epoch forgets the old epoch's batches. */
    void addBatch(short batchEpoch, BatchMetadata batch) {
        if (batchEpoch != epoch) {
            batches.clear();
            epoch = batchEpoch;
        }
        batches.addLast(batch);
        if (batches.size() > MAX_CACHED_BATCHES) batches.removeFirst();
        lastTimestamp = Math.max(lastTimestamp, batch.timestamp());
    }

    void restore(short restoredEpoch, long restoredTimestamp) {
        epoch = restoredEpoch;
        lastTimestamp = restoredTimestamp;
    }
}
