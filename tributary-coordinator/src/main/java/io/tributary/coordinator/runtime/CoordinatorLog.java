package io.tributary.coordinator.runtime;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Records;

/**
 * The log of one coordinator partition (a partition of {@code __consumer_offsets}), provided by the broker that
 * leads it. The coordinator's state is exactly what replaying this log yields.
 */
public interface CoordinatorLog {

    /**
     * Appends records as the partition leader (offsets are assigned by the log). Throws Kafka's ApiExceptions
     * synchronously when the append is refused. The future completes once the records are committed (below
     * the high watermark; in durable mode, fsynced), or exceptionally if that can no longer happen.
     */
    CompletableFuture<Void> append(MemoryRecords records);

    /** Committed records from {@code offset}, at most about {@code maxBytes}; empty at the end of the log. */
    Records read(long offset, int maxBytes);

    /** The first offset of the log (records before it were deleted or compacted away). */
    long startOffset();

    /** The offset after the last committed record. */
    long committedEndOffset();
}
