package io.tributary.storage.validation;

import java.nio.ByteBuffer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Checks records a follower fetched from its leader before writing them exactly as they are: format v2, CRC,
 * offsets increasing from batch to batch. A fetch may end with a partial batch (the leader cuts at the byte limit,
 * as Kafka does); it is left out by slicing, without copying.
 */
public final class FollowerBatches {

    private FollowerBatches() {
    }

    /** The whole batches of records and their summary, or null when there is none. */
    public static FollowerRecords analyze(TopicPartition tp, MemoryRecords records) {
        int validBytes = 0;
        long firstOffset = -1L;
        long lastOffset = -1L;
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        int recordCount = 0;
        for (MutableRecordBatch batch : records.batches()) {
            if (batch.magic() != RecordBatch.MAGIC_VALUE_V2)
                throw new CorruptRecordException("Replicated batch for " + tp + " has unsupported magic " + batch.magic());
            batch.ensureValid();
            if (batch.lastOffset() < batch.baseOffset() || (firstOffset >= 0 && batch.baseOffset() <= lastOffset))
                throw new CorruptRecordException("Replicated batch for " + tp + " at " + batch.baseOffset()
                        + " does not follow offset " + lastOffset);
            if (firstOffset < 0) firstOffset = batch.baseOffset();
            lastOffset = batch.lastOffset();
            maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
            Integer count = batch.countOrNull();
            recordCount += count == null ? 0 : count;
            validBytes += batch.sizeInBytes();
        }
        if (firstOffset < 0) return null;
        MemoryRecords whole = validBytes == records.sizeInBytes() ? records : trim(records, validBytes);
        return new FollowerRecords(whole, firstOffset, lastOffset, maxTimestamp, recordCount);
    }

    private static MemoryRecords trim(MemoryRecords records, int validBytes) {
        ByteBuffer slice = records.buffer().duplicate();
        slice.limit(slice.position() + validBytes);
        return MemoryRecords.readableRecords(slice.slice());
    }
}
