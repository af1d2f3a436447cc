package io.tributary.metadata.record;

import java.util.Arrays;
import java.util.Objects;

import org.apache.kafka.common.Uuid;

import io.tributary.metadata.image.PartitionRegistration;

/**
 * Changes the ISR, leader and/or replica assignment of a partition; {@code null} arrays mean "unchanged".
 * Applying it bumps the partition epoch, and the leader epoch when the leader changes (so replicas can fence
 * stale leaders). Version 0 carried only the ISR and the leader, version 1 no ELR fields (KIP-966).
 */
public record PartitionChangeRecord(Uuid topicId, int partitionId, int[] isr, int leader, int[] replicas,
                                    int[] addingReplicas, int[] removingReplicas, int[] elr,
                                    int[] lastKnownElr) implements MetadataRecord {

    /** Value of {@link #leader()} meaning "leader unchanged". */
    public static final int LEADER_UNCHANGED = -2;

    public PartitionChangeRecord(Uuid topicId, int partitionId, int[] isr, int leader) {
        this(topicId, partitionId, isr, leader, null, null, null);
    }

    public PartitionChangeRecord(Uuid topicId, int partitionId, int[] isr, int leader, int[] replicas,
                                 int[] addingReplicas, int[] removingReplicas) {
        this(topicId, partitionId, isr, leader, replicas, addingReplicas, removingReplicas, null, null);
    }

    /** Whether it carries ELR fields (written as version 2 only then, so older readers keep reading the rest). */
    public boolean changesElr() {
        return elr != null || lastKnownElr != null;
    }

    /** Creates a change of the ISR only; {@code isr == null} would mean "unchanged". */
    public static PartitionChangeRecord isrChange(Uuid topicId, int partitionId, int[] isr) {
        return new PartitionChangeRecord(topicId, partitionId, isr, LEADER_UNCHANGED);
    }

    /** The change that turns {@code from} into {@code to} (both of the same partition). */
    public static PartitionChangeRecord between(Uuid topicId, int partitionId, PartitionRegistration from,
                                                PartitionRegistration to) {
        return new PartitionChangeRecord(topicId, partitionId,
            Arrays.equals(from.isr(), to.isr()) ? null : to.isr(),
            from.leader() == to.leader() ? LEADER_UNCHANGED : to.leader(),
            Arrays.equals(from.replicas(), to.replicas()) ? null : to.replicas(),
            Arrays.equals(from.addingReplicas(), to.addingReplicas()) ? null : to.addingReplicas(),
            Arrays.equals(from.removingReplicas(), to.removingReplicas()) ? null : to.removingReplicas(),
            Arrays.equals(from.elr(), to.elr()) ? null : to.elr(),
            Arrays.equals(from.lastKnownElr(), to.lastKnownElr()) ? null : to.lastKnownElr());
    }

    public PartitionRegistration applyTo(PartitionRegistration current) {
        int[] newIsr = isr == null ? current.isr() : isr;
        boolean leaderChanges = leader != LEADER_UNCHANGED && leader != current.leader();
        int newLeader = leaderChanges ? leader : current.leader();
        int newLeaderEpoch = leaderChanges ? current.leaderEpoch() + 1 : current.leaderEpoch();
        return new PartitionRegistration(replicas == null ? current.replicas() : replicas, newIsr, newLeader,
            newLeaderEpoch, current.partitionEpoch() + 1,
            addingReplicas == null ? current.addingReplicas() : addingReplicas,
            removingReplicas == null ? current.removingReplicas() : removingReplicas,
            elr == null ? current.elr() : elr,
            lastKnownElr == null ? current.lastKnownElr() : lastKnownElr);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionChangeRecord other && topicId.equals(other.topicId)
            && partitionId == other.partitionId && leader == other.leader && Arrays.equals(isr, other.isr)
            && Arrays.equals(replicas, other.replicas) && Arrays.equals(addingReplicas, other.addingReplicas)
            && Arrays.equals(removingReplicas, other.removingReplicas) && Arrays.equals(elr, other.elr)
            && Arrays.equals(lastKnownElr, other.lastKnownElr);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topicId, partitionId, leader, Arrays.hashCode(isr), Arrays.hashCode(replicas),
            Arrays.hashCode(addingReplicas), Arrays.hashCode(removingReplicas), Arrays.hashCode(elr),
            Arrays.hashCode(lastKnownElr));
    }

    @Override
    public String toString() {
        return "PartitionChangeRecord(topicId=" + topicId + ", partitionId=" + partitionId + ", isr="
            + Arrays.toString(isr) + ", leader=" + leader + ", replicas=" + Arrays.toString(replicas)
            + ", adding=" + Arrays.toString(addingReplicas) + ", removing=" + Arrays.toString(removingReplicas)
            + (changesElr() ? ", elr=" + Arrays.toString(elr) + ", lastKnownElr=" + Arrays.toString(lastKnownElr) : "")
            + ")";
    }
}
