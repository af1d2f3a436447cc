package io.tributary.storage.validation;

import org.apache.kafka.common.record.internal.MemoryRecords;

/** Whole batches fetched from the leader, with the offsets and timestamps the follower's append needs. */
public record FollowerRecords(MemoryRecords records, long firstOffset, long lastOffset, long maxTimestamp,
                              int recordCount) {

    public int sizeInBytes() {
        return records.sizeInBytes();
    }
}
