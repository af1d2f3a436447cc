package io.tributary.metadata.record;

import java.util.Arrays;

import org.apache.kafka.common.Uuid;

import io.tributary.metadata.PartitionRegistration;

/** Creates a partition of an existing topic with its full registration. */
public record PartitionRecord(Uuid topicId, int partitionId, int[] replicas, int[] isr, int leader, int leaderEpoch,
                              int partitionEpoch) implements MetadataRecord {

    public PartitionRegistration toRegistration() {
        return new PartitionRegistration(replicas, isr, leader, leaderEpoch, partitionEpoch);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionRecord other && topicId.equals(other.topicId) && partitionId == other.partitionId
            && toRegistration().equals(other.toRegistration());
    }

    @Override
    public int hashCode() {
        return 31 * (31 * topicId.hashCode() + partitionId) + toRegistration().hashCode();
    }

    @Override
    public String toString() {
        return "PartitionRecord(topicId=" + topicId + ", partitionId=" + partitionId + ", replicas="
            + Arrays.toString(replicas) + ", isr=" + Arrays.toString(isr) + ", leader=" + leader
            + ", leaderEpoch=" + leaderEpoch + ", partitionEpoch=" + partitionEpoch + ")";
    }
}
