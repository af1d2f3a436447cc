package io.tributary.metadata.replay;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;

/**
 * The delta between two unrelated images: what a node that jumps from one to the other (by loading a snapshot)
 * tells its listeners, as if the records in between had been replayed.
 */
public final class ImageDiff {

    private ImageDiff() {
    }

    public static MetadataDelta between(MetadataImage previous, MetadataImage next) {
        Set<Uuid> createdTopics = new HashSet<>();
        Map<Uuid, TopicImage> deletedTopics = new HashMap<>();
        Map<Uuid, Set<Integer>> createdPartitions = new HashMap<>();
        Map<Uuid, Set<Integer>> changedPartitions = new HashMap<>();
        Map<Uuid, TopicImage> before = previous.topics().asMap();
        Map<Uuid, TopicImage> after = next.topics().asMap();
        before.forEach((id, topic) -> {
            if (!after.containsKey(id)) {
                deletedTopics.put(id, topic);
            }
        });
        after.forEach((id, topic) -> {
            TopicImage old = before.get(id);
            if (old == null) {
                createdTopics.add(id);
                createdPartitions.put(id, new HashSet<>(topic.partitions().keySet()));
                return;
            }
            topic.partitions().forEach((index, partition) -> {
                PartitionRegistration was = old.partitions().get(index);
                if (was == null) {
                    createdPartitions.computeIfAbsent(id, i -> new HashSet<>()).add(index);
                } else if (!was.equals(partition)) {
                    changedPartitions.computeIfAbsent(id, i -> new HashSet<>()).add(index);
                }
            });
        });
        Set<ConfigResource> changedConfigs = changedKeys(previous.configs().asMap(), next.configs().asMap());
        Set<Integer> changedBrokers = changedKeys(previous.brokers().asMap(), next.brokers().asMap());
        return new MetadataDelta(previous, createdTopics, deletedTopics, createdPartitions, changedPartitions,
            changedConfigs, changedBrokers);
    }

    private static <K> Set<K> changedKeys(Map<K, ?> before, Map<K, ?> after) {
        Set<K> changed = new HashSet<>();
        before.forEach((key, value) -> {
            if (!Objects.equals(value, after.get(key))) {
                changed.add(key);
            }
        });
        after.forEach((key, value) -> {
            if (!before.containsKey(key)) {
                changed.add(key);
            }
        });
        return changed;
    }
}
