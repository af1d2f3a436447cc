package io.tributary.broker.simulation;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.Uuid;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.log.MetadataBatch;

/**
 * The committed partitions whose ISR lacks a replica, by leader: where a simulated leader looks for followers to
 * add back, instead of scanning 100,000 partitions at every metadata update (it then checks its own image).
 */
final class UnderReplicatedIndex implements CommittedLog.Observer {

    private final Map<Integer, Set<PartitionKey>> byLeader = new HashMap<>();
    private final Map<PartitionKey, Integer> indexedUnder = new HashMap<>();

    Set<PartitionKey> ledBy(int brokerId) {
        return byLeader.getOrDefault(brokerId, Set.of());
    }

    @Override
    public void onCommitted(int index, MetadataBatch batch, MetadataDelta delta, MetadataImage after) {
        update(delta.createdPartitions(), after);
        update(delta.changedPartitions(), after);
    }

    private void update(Map<Uuid, Set<Integer>> partitions, MetadataImage image) {
        partitions.forEach((topicId, indexes) -> image.topics().get(topicId).ifPresent(topic -> {
            for (int i : indexes) {
                PartitionKey key = new PartitionKey(topicId, i);
                Integer previous = indexedUnder.remove(key);
                if (previous != null) {
                    byLeader.get(previous).remove(key);
                }
                PartitionRegistration p = topic.partitions().get(i);
                if (p != null && p.hasLeader() && p.isr().length < p.replicas().length) {
                    indexedUnder.put(key, p.leader());
                    byLeader.computeIfAbsent(p.leader(), id -> new LinkedHashSet<>()).add(key);
                }
            }
        }));
    }
}
