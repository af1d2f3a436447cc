package io.tributary.console.locallog;

import io.tributary.console.broker.LocalLogs.LocalPartition;
import java.nio.ByteBuffer;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.Records;

/**
 * A replica's log over records in memory or in a file, for tests: a read gives whole batches from the one holding the
 * offset, at most {@code maxBytes} (one batch at least), below {@code maxOffsetExclusive}; a file's are file slices,
 * as a broker's segment read gives.
 */
public final class ReplicaLog implements LocalPartition {

    private final Records records;
    private final long logStart;
    private final long highWatermark;
    private int reads;
    private long lowestOffsetRead = Long.MAX_VALUE;

    public ReplicaLog(Records records, long logStart, long highWatermark) {
        this.records = records;
        this.logStart = logStart;
        this.highWatermark = highWatermark;
    }

    @Override
    public long logStartOffset() {
        return logStart;
    }

    @Override
    public long highWatermark() {
        return highWatermark;
    }

    @Override
    public Records read(long offset, int maxBytes, long maxOffsetExclusive) {
        reads++;
        int position = 0;
        int start = -1;
        int end = 0;
        long firstBase = -1;
        for (RecordBatch batch : records.batches()) {
            if (start < 0 && batch.lastOffset() >= offset) {
                start = position;
                firstBase = batch.baseOffset();
            }
            if (start >= 0 && (batch.baseOffset() >= maxOffsetExclusive
                    || (end > start && position + batch.sizeInBytes() - start > maxBytes))) {
                break;
            }
            position += batch.sizeInBytes();
            end = position;
        }
        if (start < 0 || end <= start) {
            return MemoryRecords.EMPTY;
        }
        lowestOffsetRead = Math.min(lowestOffsetRead, firstBase);
        if (records instanceof FileRecords file) {
            return file.slice(start, end - start);
        }
        ByteBuffer slice = ((MemoryRecords) records).buffer().position(start).limit(end).slice();
        return MemoryRecords.readableRecords(slice);
    }

    /** How many reads were asked for. */
    public int reads() {
        return reads;
    }

    /** The base offset of the first batch of the lowest read that gave any. */
    public long lowestOffsetRead() {
        return lowestOffsetRead;
    }
}
