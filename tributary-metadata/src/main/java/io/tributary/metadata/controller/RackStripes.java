package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tributary.metadata.image.BrokerRegistration;

/**
 * Rack-aware placement over the usable brokers, striped across racks as Kafka's KRaft placer intends: each
 * partition's replicas go to as many different racks as there are replicas (before any rack gets a second one),
 * and leadership and replicas spread evenly over the brokers. Brokers without {@code broker.rack} form one rack of
 * their own, as in KRaft (no refusal of a mixed cluster). Unlike Kafka's placer this one is deterministic: a
 * partition's replicas follow from its index, so growing a topic continues the stripes where creation stopped.
 *
 * <p>The brokers are laid out rack-alternated (first broker of each rack, then the second of each, ...; racks by
 * name, brokers by id). Partition {@code p} leads on the broker at {@code p mod n}; its other replicas are the next
 * brokers of that layout, starting a little further each round of {@code n} partitions, skipping a broker already
 * chosen and one whose rack already holds a replica while some rack holds none.
 */
final class RackStripes {

    /** Name of the group of brokers registered without a rack. */
    private static final String NO_RACK = "";

    private final int[] layout;
    private final String[] rackOf;
    private final int rackCount;

    /** @param brokers the usable brokers (unfenced, not shutting down), at least one */
    RackStripes(List<BrokerRegistration> brokers) {
        Map<String, List<Integer>> racks = new TreeMap<>();
        for (BrokerRegistration broker : brokers) {
            racks.computeIfAbsent(broker.rack() == null ? NO_RACK : broker.rack(), r -> new ArrayList<>())
                .add(broker.id());
        }
        racks.values().forEach(ids -> ids.sort(null));
        this.rackCount = racks.size();
        this.layout = new int[brokers.size()];
        this.rackOf = new String[brokers.size()];
        int next = 0;
        for (int round = 0; next < layout.length; round++) {
            for (Map.Entry<String, List<Integer>> rack : racks.entrySet()) {
                if (round < rack.getValue().size()) {
                    layout[next] = rack.getValue().get(round);
                    rackOf[next] = rack.getKey();
                    next++;
                }
            }
        }
    }

    /** The broker ids in rack-alternated order. */
    int[] layout() {
        return layout.clone();
    }

    /** Replicas of partition {@code partitionIndex}, the leader first; {@code replicationFactor} <= brokers. */
    int[] place(int partitionIndex, int replicationFactor) {
        int n = layout.length;
        int first = partitionIndex % n;
        int[] replicas = new int[replicationFactor];
        boolean[] chosen = new boolean[n];
        List<String> racksUsed = new ArrayList<>(replicationFactor);
        replicas[0] = layout[first];
        chosen[first] = true;
        racksUsed.add(rackOf[first]);
        // Each round of n partitions starts the followers one step further, so that a broker's partitions do not
        // all share the same followers (with a shift of 0 the first round is plain round-robin).
        int cursor = first + 1 + (n > 1 ? (partitionIndex / n) % (n - 1) : 0);
        for (int replica = 1; replica < replicationFactor; replica++) {
            boolean everyRackUsed = racksUsed.size() >= rackCount;
            for (int step = 0; step < n; step++) {
                int candidate = (cursor + step) % n;
                if (!chosen[candidate] && (everyRackUsed || !racksUsed.contains(rackOf[candidate]))) {
                    replicas[replica] = layout[candidate];
                    chosen[candidate] = true;
                    if (!racksUsed.contains(rackOf[candidate])) {
                        racksUsed.add(rackOf[candidate]);
                    }
                    cursor = candidate + 1;
                    break;
                }
            }
        }
        return replicas;
    }
}
