package io.tributary.storage.api;

import io.tributary.storage.PartitionLog;

/**
 * Outcome of {@link PartitionLog#appendAsLeader}. For a duplicate idempotent batch nothing was written and the
 * offsets are those of the original append.
 */
public record AppendResult(long firstOffset, long lastOffset, long logAppendTime, long logStartOffset,
                           int recordCount, boolean duplicate) {
}
