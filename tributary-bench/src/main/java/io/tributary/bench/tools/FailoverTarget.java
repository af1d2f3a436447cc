package io.tributary.bench.tools;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which partition's leader {@link FailoverTime} kills: a partition whose replicas are all in sync (so the kill
 * measures a failover, not a partition still recovering from the previous one), led by a node the harness may kill,
 * and not by the metadata quorum's leader (on combined nodes that would measure a controller failover as well).
 */
record FailoverTarget(int partition, int leader) {

    /** One partition as Admin describes it. */
    record PartitionState(int partition, int leader, int replicas, int inSync) {
    }

    static Optional<FailoverTarget> choose(List<PartitionState> partitions, Set<Integer> killable, int quorumLeader) {
        return partitions.stream()
                .filter(p -> p.inSync() == p.replicas() && killable.contains(p.leader()) && p.leader() != quorumLeader)
                .min(Comparator.comparingInt(PartitionState::partition))
                .map(p -> new FailoverTarget(p.partition(), p.leader()));
    }
}
