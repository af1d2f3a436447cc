package io.tributary.broker.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** How Metadata and DescribeTopicPartitions list a partition's replicas. */
final class ReplicaLists {

    private ReplicaLists() {
    }

    /** Replicas on brokers that are fenced or no longer registered. */
    static List<Integer> offline(ClusterView cluster, int[] replicas) {
        List<Integer> offline = new ArrayList<>(0);
        for (int replica : replicas) {
            if (!cluster.isAlive(replica)) {
                offline.add(replica);
            }
        }
        return offline;
    }

    /** A mutable list, as the generated message classes expect. */
    static List<Integer> toList(int[] ids) {
        return new ArrayList<>(Arrays.stream(ids).boxed().toList());
    }
}
