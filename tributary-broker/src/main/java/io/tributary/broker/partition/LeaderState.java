package io.tributary.broker.partition;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One leadership term of a partition as an immutable snapshot, replaced whole on every change so the produce
 * path reads it without a lock. {@code pendingIsr} is an ISR change sent to the controller and not answered
 * yet; until it is, the high watermark respects the union of both (Kafka's "maximal ISR", KIP-497), and a
 * request refused for a stale partition epoch stays pending until the metadata image catches up.
 */
record LeaderState(int leaderEpoch, int partitionEpoch, int[] replicas, int[] isr, int[] pendingIsr,
                   long epochStartOffset, Map<Integer, FollowerState> followers) {

    /** Follower states for {@code replicas}, keeping those already {@code known}. */
    static Map<Integer, FollowerState> followers(int[] replicas, int localBrokerId, Map<Integer, FollowerState> known,
                                                 long nowMs) {
        Map<Integer, FollowerState> followers = new HashMap<>();
        for (int replica : replicas) {
            if (replica != localBrokerId) {
                followers.put(replica, known.getOrDefault(replica, new FollowerState(replica, nowMs)));
            }
        }
        return Map.copyOf(followers);
    }

    LeaderState withIsr(int[] newIsr, int newPartitionEpoch) {
        return new LeaderState(leaderEpoch, newPartitionEpoch, replicas, newIsr, null, epochStartOffset, followers);
    }

    LeaderState withPending(int[] proposed) {
        return new LeaderState(leaderEpoch, partitionEpoch, replicas, isr, proposed, epochStartOffset, followers);
    }

    boolean changePending() {
        return pendingIsr != null;
    }

    boolean inIsr(int brokerId) {
        return contains(isr, brokerId);
    }

    /** Size of the ISR counting members a pending change adds (no allocation: on the commit path). */
    int maximalIsrSize() {
        int size = isr.length;
        if (pendingIsr != null) {
            for (int id : pendingIsr) {
                if (!contains(isr, id)) {
                    size++;
                }
            }
        }
        return size;
    }

    static boolean contains(int[] ids, int id) {
        for (int candidate : ids) {
            if (candidate == id) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "LeaderState(epoch=" + leaderEpoch + ", partitionEpoch=" + partitionEpoch + ", isr="
                + Arrays.toString(isr) + (pendingIsr == null ? "" : ", pending=" + Arrays.toString(pendingIsr))
                + ")";
    }
}
