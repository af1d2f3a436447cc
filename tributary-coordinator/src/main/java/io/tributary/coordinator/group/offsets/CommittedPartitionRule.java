package io.tributary.coordinator.group.offsets;

import java.util.OptionalInt;
import org.apache.kafka.common.protocol.Errors;

/** What a committed offset's partition must satisfy, for OffsetCommit and TxnOffsetCommit alike. */
final class CommittedPartitionRule {

    private CommittedPartitionRule() {
    }

    /** The partition's error: metadata within offset.metadata.max.bytes, a partition the topic has. */
    static Errors check(String metadata, int maxMetadataBytes, OptionalInt partitionCount, int partitionIndex) {
        if (metadata != null && metadata.length() > maxMetadataBytes) {
            return Errors.OFFSET_METADATA_TOO_LARGE;
        }
        if (partitionCount.isEmpty() || partitionIndex < 0 || partitionIndex >= partitionCount.getAsInt()) {
            return Errors.UNKNOWN_TOPIC_OR_PARTITION;
        }
        return Errors.NONE;
    }
}
