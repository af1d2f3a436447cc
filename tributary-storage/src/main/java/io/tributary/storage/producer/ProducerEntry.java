package io.tributary.storage.producer;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Mutable state of one producer id: its epoch, its last {@link #MAX_CACHED_BATCHES} batches and, for a
 * transactional producer, the coordinator epoch of its last marker and the first offset of its open transaction.
 */
public final class ProducerEntry {

    /** Kafka clients keep at most 5 in-flight requests per connection when idempotent. */
    public static final int MAX_CACHED_BATCHES = 5;

    private final long producerId;
    private short epoch;
    private long lastTimestamp = RecordBatch.NO_TIMESTAMP;
    private final Deque<BatchMetadata> batches = new ArrayDeque<>(MAX_CACHED_BATCHES + 1);
    private int coordinatorEpoch = -1;
    private long currentTxnFirstOffset = -1L;
    /** Offset of the last marker written for this producer: keeps a marker-only producer above the log start. */
    private long lastMarkerOffset = -1L;

    public ProducerEntry(long producerId, short epoch) {
        this.producerId = producerId;
        this.epoch = epoch;
    }

    ProducerEntry copy() {
        ProducerEntry copy = new ProducerEntry(producerId, epoch);
        copy.lastTimestamp = lastTimestamp;
        copy.batches.addAll(batches);
        copy.coordinatorEpoch = coordinatorEpoch;
        copy.currentTxnFirstOffset = currentTxnFirstOffset;
        copy.lastMarkerOffset = lastMarkerOffset;
        return copy;
    }

    public long producerId() { return producerId; }
    public short epoch() { return epoch; }
    public long lastTimestamp() { return lastTimestamp; }
    public Deque<BatchMetadata> batches() { return batches; }
    public int coordinatorEpoch() { return coordinatorEpoch; }
    /** First offset of the open transaction, or -1 when none. */
    public long currentTxnFirstOffset() { return currentTxnFirstOffset; }
    long lastMarkerOffset() { return lastMarkerOffset; }
    boolean inTransaction() { return currentTxnFirstOffset >= 0; }

    public int lastSequence() {
        BatchMetadata last = batches.peekLast();
        return last == null ? RecordBatch.NO_SEQUENCE : last.lastSeq();
    }

    /** Last offset written by this producer, data or marker. */
    public long lastOffset() {
        BatchMetadata last = batches.peekLast();
        return Math.max(lastMarkerOffset, last == null ? -1L : last.lastOffset());
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

    void beginTransactionIfNone(long firstOffset) {
        if (currentTxnFirstOffset < 0) currentTxnFirstOffset = firstOffset;
    }

    /** A marker: a newer epoch forgets the old epoch's batches (as a data batch would); the transaction ends. */
    void endTransaction(short markerEpoch, int markerCoordinatorEpoch, long markerOffset, long timestamp) {
        if (markerEpoch != epoch) {
            batches.clear();
            epoch = markerEpoch;
        }
        coordinatorEpoch = markerCoordinatorEpoch;
        currentTxnFirstOffset = -1L;
        lastMarkerOffset = markerOffset;
        lastTimestamp = Math.max(lastTimestamp, timestamp);
    }

    void restore(short restoredEpoch, long restoredTimestamp) {
        epoch = restoredEpoch;
        lastTimestamp = restoredTimestamp;
    }

    void restoreTransaction(int restoredCoordinatorEpoch, long restoredTxnFirstOffset, long restoredMarkerOffset) {
        coordinatorEpoch = restoredCoordinatorEpoch;
        currentTxnFirstOffset = restoredTxnFirstOffset;
        lastMarkerOffset = restoredMarkerOffset;
    }
}
