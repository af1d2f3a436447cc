package io.tributary.metadata;

import java.util.Arrays;

/**
 * The replica set, ISR and leadership of one partition. Arrays are never mutated after construction; they are
 * exposed directly to avoid copies on the metadata read path.
 */
public record PartitionRegistration(int[] replicas, int[] isr, int leader, int leaderEpoch, int partitionEpoch) {

    /** Leader id meaning "no leader". */
    public static final int NO_LEADER = -1;

    public boolean hasLeader() {
        return leader != NO_LEADER;
    }

    public boolean isReplica(int brokerId) {
        for (int replica : replicas) {
            if (replica == brokerId) {
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
            && Arrays.equals(isr, other.isr);
    }

    @Override
    public int hashCode() {
        int result = Arrays.hashCode(replicas);
        result = 31 * result + Arrays.hashCode(isr);
        result = 31 * result + leader;
        result = 31 * result + leaderEpoch;
        return 31 * result + partitionEpoch;
    }

    @Override
    public String toString() {
        return "PartitionRegistration(replicas=" + Arrays.toString(replicas) + ", isr=" + Arrays.toString(isr)
            + ", leader=" + leader + ", leaderEpoch=" + leaderEpoch + ", partitionEpoch=" + partitionEpoch + ")";
    }
}
