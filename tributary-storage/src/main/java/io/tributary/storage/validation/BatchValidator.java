package io.tributary.storage.validation;

import io.tributary.storage.api.LogConfig;
import java.nio.ByteBuffer;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnsupportedForMessageFormatException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.Records;

/**
 * Validates produced batches in place: the batch headers (framing, CRC, offsets, count, control flag, sizes), then
 * every record of every batch, decoded one by one by {@link RecordWalker} (decompressing compressed batches as a
 * stream) so that nothing a consumer cannot decode is stored. Nothing here depends on log state, so it runs before
 * the append lock is taken. Leader appends only: followers store the leader's batches after their CRC check.
 */
public final class BatchValidator {

    private static final int LENGTH_OFFSET = Records.SIZE_OFFSET;

    private BatchValidator() {
    }

    public static ValidatedRecords validate(TopicPartition tp, MemoryRecords records, LogConfig config, long nowMs) {
        int batchCount = checkFraming(tp, records, config);
        boolean logAppendTime = config.timestampType() == TimestampType.LOG_APPEND_TIME;
        int recordCount = 0;
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        ByteBuffer buffer = records.buffer();
        int batchStart = buffer.position();
        RecordWalker walker = RecordWalker.get();
        for (MutableRecordBatch batch : records.batches()) {
            recordCount += checkBatch(tp, batch);
            long recordsMax = walker.walk(tp, batch, buffer, batchStart, config, nowMs);
            batchStart += batch.sizeInBytes();
            if (logAppendTime) {
                batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, nowMs);
            } else if (batch.timestampType() == TimestampType.CREATE_TIME && recordsMax != batch.maxTimestamp()) {
                batch.setMaxTimestamp(TimestampType.CREATE_TIME, recordsMax); // as Kafka: the records' max counts
            }
            maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
        }
        return new ValidatedRecords(batchCount, recordCount, logAppendTime ? nowMs : -1L, maxTimestamp);
    }

    /** Walks the length fields so that a wrapper that is not exactly whole v2 batches is rejected up front. */
    private static int checkFraming(TopicPartition tp, MemoryRecords records, LogConfig config) {
        int total = records.sizeInBytes();
        if (total == 0) throw new InvalidRecordException("Produce request to " + tp + " has no record batches");
        if (total > config.segmentBytes())
            throw new RecordBatchTooLargeException("Records of " + total + " bytes for " + tp
                    + " exceed the segment size " + config.segmentBytes());
        ByteBuffer buf = records.buffer();
        int start = buf.position();
        int pos = 0;
        int count = 0;
        while (pos < total) {
            if (total - pos < Records.HEADER_SIZE_UP_TO_MAGIC)
                throw new CorruptRecordException("Records for " + tp + " end with a partial batch header");
            int batchSize = buf.getInt(start + pos + LENGTH_OFFSET) + Records.LOG_OVERHEAD;
            byte magic = buf.get(start + pos + Records.MAGIC_OFFSET);
            if (magic < RecordBatch.MAGIC_VALUE_V2)
                throw new UnsupportedForMessageFormatException("Message format v" + magic + " is not supported ("
                        + tp + "); only v2 record batches are accepted");
            if (magic > RecordBatch.MAGIC_VALUE_V2)
                throw new InvalidRecordException("Unknown record batch magic " + magic + " for " + tp);
            if (batchSize < DefaultRecordBatch.RECORD_BATCH_OVERHEAD)
                throw new CorruptRecordException("Record batch for " + tp + " is smaller than a batch header");
            if (batchSize > total - pos)
                throw new CorruptRecordException("Records for " + tp + " end with a partial batch");
            if (batchSize > config.maxMessageBytes())
                throw new RecordTooLargeException("Record batch of " + batchSize + " bytes for " + tp
                        + " exceeds max.message.bytes " + config.maxMessageBytes());
            pos += batchSize;
            count++;
        }
        return count;
    }

    private static int checkBatch(TopicPartition tp, MutableRecordBatch batch) {
        batch.ensureValid(); // CRC over attributes..records; throws CorruptRecordException
        if (batch.baseOffset() != 0)
            throw new InvalidRecordException("Base offset of a produced batch for " + tp + " must be 0, was "
                    + batch.baseOffset());
        Integer count = batch.countOrNull();
        if (count == null || count <= 0)
            throw new InvalidRecordException("Record batch for " + tp + " has no records");
        if (batch.lastOffset() - batch.baseOffset() != count - 1L)
            throw new InvalidRecordException("Record batch for " + tp + " has last offset delta "
                    + (batch.lastOffset() - batch.baseOffset()) + " but " + count + " records");
        if (batch.isControlBatch())
            throw new InvalidRecordException("Clients may not produce control batches to " + tp);
        if (batch.hasProducerId() && batch.baseSequence() < 0)
            throw new InvalidRecordException("Idempotent batch for " + tp + " has no sequence number");
        return count;
    }
}
