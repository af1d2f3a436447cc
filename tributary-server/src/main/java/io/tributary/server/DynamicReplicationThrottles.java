package io.tributary.server;

import static io.tributary.metadata.config.ReplicationConfigDefinitions.FOLLOWER_REPLICATION_THROTTLED_RATE;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.LEADER_REPLICATION_THROTTLED_RATE;
import static io.tributary.metadata.config.TopicConfigDefinitions.FOLLOWER_REPLICATION_THROTTLED_REPLICAS;
import static io.tributary.metadata.config.TopicConfigDefinitions.LEADER_REPLICATION_THROTTLED_REPLICAS;

import io.tributary.broker.partition.ReplicationQuota;
import io.tributary.metadata.MetadataListener;
import io.tributary.metadata.config.ConfigDescriber;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Keeps this broker's KIP-73 replication quotas in step with the metadata image: the bounds from its
 * {@code leader/follower.replication.throttled.rate} broker configs (this broker's value, else the cluster default),
 * the throttled partitions from the topics' {@code *.replication.throttled.replicas} entries naming this broker
 * ({@code partition:broker}, or {@code *} for all), as {@code kafka-reassign-partitions --throttle} sets them.
 */
final class DynamicReplicationThrottles implements MetadataListener {

    private final int brokerId;
    private final ConfigDescriber configs;
    private final ReplicationQuota leader;
    private final ReplicationQuota follower;

    DynamicReplicationThrottles(int brokerId, ConfigDescriber configs, ReplicationQuota leader,
                                ReplicationQuota follower) {
        this.brokerId = brokerId;
        this.configs = configs;
        this.leader = leader;
        this.follower = follower;
    }

    void apply(MetadataImage image) {
        leader.setBytesPerSecond(((Number) configs.brokerValue(image, LEADER_REPLICATION_THROTTLED_RATE)).longValue());
        follower.setBytesPerSecond(
                ((Number) configs.brokerValue(image, FOLLOWER_REPLICATION_THROTTLED_RATE)).longValue());
        Map<String, Set<Integer>> leaderPartitions = new HashMap<>();
        Map<String, Set<Integer>> followerPartitions = new HashMap<>();
        image.configs().asMap().forEach((resource, values) -> {
            if (resource.type() == ConfigResource.Type.TOPIC) {
                addThrottled(resource.name(), values.get(LEADER_REPLICATION_THROTTLED_REPLICAS), leaderPartitions);
                addThrottled(resource.name(), values.get(FOLLOWER_REPLICATION_THROTTLED_REPLICAS), followerPartitions);
            }
        });
        leader.setThrottled(leaderPartitions);
        follower.setThrottled(followerPartitions);
    }

    /** Kafka's format, already validated when set: {@code *}, or {@code partition:broker} entries. */
    private void addThrottled(String topic, String replicas, Map<String, Set<Integer>> into) {
        if (replicas == null || replicas.isBlank()) {
            return;
        }
        if (replicas.trim().equals("*")) {
            into.put(topic, ReplicationQuota.ALL_PARTITIONS);
            return;
        }
        Set<Integer> partitions = new HashSet<>();
        for (String entry : replicas.split(",")) {
            String[] parts = entry.trim().split(":");
            if (parts.length == 2 && Integer.parseInt(parts[1].trim()) == brokerId) {
                partitions.add(Integer.parseInt(parts[0].trim()));
            }
        }
        if (!partitions.isEmpty()) {
            into.put(topic, Set.copyOf(partitions));
        }
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        if (delta == null || !delta.changedConfigs().isEmpty()) {
            apply(newImage);
        }
    }
}
