package io.tributary.metadata.image;

import java.util.Arrays;

/**
 * The replica set, ISR and leadership of one partition. Arrays are never mutated after construction; they are
 * exposed directly to avoid copies on the metadata read path. While a reassignment is in progress,
 * {@code replicas} is the union of the old and target sets, {@code addingReplicas} the target replicas not yet
 * in the old set and {@code removingReplicas} the old replicas not in the target set. KIP-966: {@code elr} (eligible
 * leader replicas) are the replicas that left the ISR cleanly while it was below min ISR, so they hold every
 * committed record and may lead when the ISR is empty; {@code lastKnownElr} is the last leader of a partition that
 * lost every ISR and ELR member (Kafka stores it there).
 */
public record PartitionRegistration(int[] replicas, int[] isr, int leader, int leaderEpoch, int partitionEpoch,
                                    int[] addingReplicas, int[] removingReplicas, int[] elr,
                                    int[] lastKnownElr) {

    /** Leader id meaning "no leader". */
    public static final int NO_LEADER = -1;

    private static final int[] NONE = new int[0];

    public PartitionRegistration {
        addingReplicas = addingReplicas == null ? NONE : addingReplicas;
        removingReplicas = removingReplicas == null ? NONE : removingReplicas;
        elr = elr == null ? NONE : elr;
        lastKnownElr = lastKnownElr == null ? NONE : lastKnownElr;
    }

    public PartitionRegistration(int[] replicas, int[] isr, int leader, int leaderEpoch, int partitionEpoch) {
        this(replicas, isr, leader, leaderEpoch, partitionEpoch, NONE, NONE);
    }

    public PartitionRegistration(int[] replicas, int[] isr, int leader, int leaderEpoch, int partitionEpoch,
                                 int[] addingReplicas, int[] removingReplicas) {
        this(replicas, isr, leader, leaderEpoch, partitionEpoch, addingReplicas, removingReplicas, NONE, NONE);
    }

    /** This registration with other ELR fields (everything else unchanged). */
    public PartitionRegistration withElr(int[] newElr, int[] newLastKnownElr) {
        return new PartitionRegistration(replicas, isr, leader, leaderEpoch, partitionEpoch, addingReplicas,
            removingReplicas, newElr, newLastKnownElr);
    }

    public boolean isInElr(int brokerId) {
        return contains(elr, brokerId);
    }

    public boolean hasElrState() {
        return elr.length > 0 || lastKnownElr.length > 0;
    }

    public boolean hasLeader() {
        return leader != NO_LEADER;
    }

    public boolean isReplica(int brokerId) {
        return contains(replicas, brokerId);
    }

    public boolean isInIsr(int brokerId) {
        return contains(isr, brokerId);
    }

    public boolean isReassigning() {
        return addingReplicas.length > 0 || removingReplicas.length > 0;
    }

    /** The replica set the partition ends with once its reassignment (if any) completes. */
    public int[] targetReplicas() {
        if (removingReplicas.length == 0) {
            return replicas;
        }
        return Arrays.stream(replicas).filter(r -> !contains(removingReplicas, r)).toArray();
    }

    /** The replica set before the reassignment (if any) started. */
    public int[] originalReplicas() {
        if (addingReplicas.length == 0) {
            return replicas;
        }
        return Arrays.stream(replicas).filter(r -> !contains(addingReplicas, r)).toArray();
    }

    public static boolean contains(int[] ids, int id) {
        for (int value : ids) {
            if (value == id) {
                return true;
            }
        }
        return false;
    }

    // Records compare arrays by identity; images are compared by content (e.g. replay-after-restart checks).
    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionRegistration other
            && leader == other.leader
            && leaderEpoch == other.leaderEpoch
            && partitionEpoch == other.partitionEpoch
            && Arrays.equals(replicas, other.replicas)
            && Arrays.equals(isr, other.isr)
            && Arrays.equals(addingReplicas, other.addingReplicas)
            && Arrays.equals(removingReplicas, other.removingReplicas)
            && Arrays.equals(elr, other.elr)
            && Arrays.equals(lastKnownElr, other.lastKnownElr);
    }

    @Override
    public int hashCode() {
        int result = Arrays.hashCode(replicas);
        result = 31 * result + Arrays.hashCode(isr);
        result = 31 * result + leader;
        result = 31 * result + leaderEpoch;
        result = 31 * result + Arrays.hashCode(addingReplicas);
        result = 31 * result + Arrays.hashCode(removingReplicas);
        result = 31 * result + Arrays.hashCode(elr);
        result = 31 * result + Arrays.hashCode(lastKnownElr);
        return 31 * result + partitionEpoch;
    }

    @Override
    public String toString() {
        return "PartitionRegistration(replicas=" + Arrays.toString(replicas) + ", isr=" + Arrays.toString(isr)
            + ", leader=" + leader + ", leaderEpoch=" + leaderEpoch + ", partitionEpoch=" + partitionEpoch
            + (isReassigning() ? ", adding=" + Arrays.toString(addingReplicas) + ", removing="
            + Arrays.toString(removingReplicas) : "")
            + (hasElrState() ? ", elr=" + Arrays.toString(elr) + ", lastKnownElr=" + Arrays.toString(lastKnownElr) : "")
            + ")";
    }
}
