package io.tributary.metadata.record;

import java.util.Arrays;

import org.apache.kafka.common.Uuid;

import io.tributary.metadata.PartitionRegistration;

/**
 * Changes the ISR and/or leader of a partition. Applying it bumps the partition epoch, and the leader epoch
 * when the leader changes (so replicas can fence stale leaders).
 */
public record PartitionChangeRecord(Uuid topicId, int partitionId, int[] isr, int leader) implements MetadataRecord {

    /** Value of {@link #leader()} meaning "leader unchanged". */
    public static final int LEADER_UNCHANGED = -2;

    /** Creates a change of the ISR only; {@code isr == null} would mean "unchanged". */
    public static PartitionChangeRecord isrChange(Uuid topicId, int partitionId, int[] isr) {
        return new PartitionChangeRecord(topicId, partitionId, isr, LEADER_UNCHANGED);
    }

    public PartitionRegistration applyTo(PartitionRegistration current) {
        int[] newIsr = isr == null ? current.isr() : isr;
        boolean leaderChanges = leader != LEADER_UNCHANGED && leader != current.leader();
        int newLeader = leaderChanges ? leader : current.leader();
        int newLeaderEpoch = leaderChanges ? current.leaderEpoch() + 1 : current.leaderEpoch();
        return new PartitionRegistration(current.replicas(), newIsr, newLeader, newLeaderEpoch,
            current.partitionEpoch() + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionChangeRecord other && topicId.equals(other.topicId)
            && partitionId == other.partitionId && leader == other.leader && Arrays.equals(isr, other.isr);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * topicId.hashCode() + partitionId) + leader) + Arrays.hashCode(isr);
    }

    @Override
    public String toString() {
        return "PartitionChangeRecord(topicId=" + topicId + ", partitionId=" + partitionId + ", isr="
            + Arrays.toString(isr) + ", leader=" + leader + ")";
    }
}
