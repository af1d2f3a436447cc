package io.tributary.metadata.record;

import java.util.Arrays;

import org.apache.kafka.common.Uuid;

import io.tributary.metadata.image.PartitionRegistration;

/**
 * Creates a partition of an existing topic with its full registration. Version 0 had no reassignment fields,
 * version 1 no ELR fields (KIP-966).
 */
public record PartitionRecord(Uuid topicId, int partitionId, int[] replicas, int[] isr, int leader, int leaderEpoch,
                              int partitionEpoch, int[] addingReplicas, int[] removingReplicas, int[] elr,
                              int[] lastKnownElr) implements MetadataRecord {

    private static final int[] NONE = new int[0];

    public PartitionRecord {
        addingReplicas = addingReplicas == null ? NONE : addingReplicas;
        removingReplicas = removingReplicas == null ? NONE : removingReplicas;
        elr = elr == null ? NONE : elr;
        lastKnownElr = lastKnownElr == null ? NONE : lastKnownElr;
    }

    public PartitionRecord(Uuid topicId, int partitionId, int[] replicas, int[] isr, int leader, int leaderEpoch,
                           int partitionEpoch, int[] addingReplicas, int[] removingReplicas) {
        this(topicId, partitionId, replicas, isr, leader, leaderEpoch, partitionEpoch, addingReplicas,
            removingReplicas, NONE, NONE);
    }

    public PartitionRecord(Uuid topicId, int partitionId, int[] replicas, int[] isr, int leader, int leaderEpoch,
                           int partitionEpoch) {
        this(topicId, partitionId, replicas, isr, leader, leaderEpoch, partitionEpoch, NONE, NONE);
    }

    public static PartitionRecord of(Uuid topicId, int partitionId, PartitionRegistration p) {
        return new PartitionRecord(topicId, partitionId, p.replicas(), p.isr(), p.leader(), p.leaderEpoch(),
            p.partitionEpoch(), p.addingReplicas(), p.removingReplicas(), p.elr(), p.lastKnownElr());
    }

    public PartitionRegistration toRegistration() {
        return new PartitionRegistration(replicas, isr, leader, leaderEpoch, partitionEpoch, addingReplicas,
            removingReplicas, elr, lastKnownElr);
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
            + ", leaderEpoch=" + leaderEpoch + ", partitionEpoch=" + partitionEpoch + ", adding="
            + Arrays.toString(addingReplicas) + ", removing=" + Arrays.toString(removingReplicas) + ", elr="
            + Arrays.toString(elr) + ", lastKnownElr=" + Arrays.toString(lastKnownElr) + ")";
    }
}
