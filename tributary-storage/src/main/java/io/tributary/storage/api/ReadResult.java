package io.tributary.storage.api;

import java.nio.channels.FileChannel;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Records;

/**
 * Whole batches read from one segment. {@code channel}/{@code position}/{@code sizeInBytes} let the network layer
 * transfer the slice with sendfile; {@code records} views the same bytes for in-process readers. {@code channel}
 * is null when nothing was read.
 */
public record ReadResult(Records records, FileChannel channel, long position, int sizeInBytes,
                         long highWatermark, long logStartOffset, long logEndOffset) {

    public static ReadResult empty(long highWatermark, long logStartOffset, long logEndOffset) {
        return new ReadResult(MemoryRecords.EMPTY, null, 0L, 0, highWatermark, logStartOffset, logEndOffset);
    }
}
