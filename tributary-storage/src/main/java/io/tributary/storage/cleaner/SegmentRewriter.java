package io.tributary.storage.cleaner;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.segment.AbortedTxn;
import io.tributary.storage.segment.BatchListener;
import io.tributary.storage.segment.LogFileNames;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.utils.BufferSupplier;

/**
 * Filters a group of segments, chunk by chunk, into one new {@code .cleaned} segment (offsets preserved), which
 * inherits the group's transaction-index entries.
 */
final class SegmentRewriter {

    private static final int CHUNK_BYTES = 1024 * 1024;

    private ByteBuffer readBuffer = ByteBuffer.allocate(CHUNK_BYTES);
    private ByteBuffer writeBuffer = ByteBuffer.allocate(CHUNK_BYTES);

    LogSegment rewrite(CleanableLog log, List<LogSegment> group, CompactionFilter filter, long nowMs)
            throws IOException {
        LogConfig config = log.config().toBuilder().preallocate(false).build();
        long base = group.get(0).baseOffset();
        LogSegment cleaned = LogSegment.open(log.dir(), base, config, nowMs, false, LogFileNames.CLEANED_SUFFIX);
        try {
            for (LogSegment source : group) copyFiltered(source, cleaned, filter);
            cleaned.recover(BatchListener.NONE); // builds its indexes and max timestamp
            // markers are never removed, so every aborted transaction stays indexed in the merged segment
            for (LogSegment source : group) {
                for (AbortedTxn txn : source.txnIndex().entries()) cleaned.txnIndex().append(txn);
            }
            cleaned.onBecomeInactive();
            cleaned.flushAll();
            return cleaned;
        } catch (IOException | RuntimeException e) {
            cleaned.closeAndDeleteFiles();
            throw e;
        }
    }

    private void copyFiltered(LogSegment source, LogSegment cleaned, CompactionFilter filter) throws IOException {
        int position = 0;
        int end = source.size();
        while (position < end) {
            readBuffer.clear();
            if (readBuffer.capacity() > end - position) readBuffer.limit(end - position);
            source.log().readInto(readBuffer, position);
            MemoryRecords chunk = MemoryRecords.readableRecords(readBuffer);
            writeBuffer.clear();
            MemoryRecords.FilterResult result = chunk.filterTo(filter, writeBuffer, BufferSupplier.NO_CACHING);
            if (result.bytesRead() == 0) {
                readBuffer = ByteBuffer.allocate(readBuffer.capacity() * 2); // a batch larger than the chunk
                continue;
            }
            ByteBuffer output = result.outputBuffer();
            output.flip();
            if (output.hasRemaining()) cleaned.log().append(MemoryRecords.readableRecords(output));
            writeBuffer = output;
            position += result.bytesRead();
        }
    }
}
