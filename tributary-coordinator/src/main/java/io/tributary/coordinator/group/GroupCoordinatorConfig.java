package io.tributary.coordinator.group;

import java.util.List;

/**
 * Group coordinator settings, with Kafka's broker config names and defaults.
 *
 * @param offsetsTopicPartitions      offsets.topic.num.partitions (50)
 * @param minSessionTimeoutMs         group.min.session.timeout.ms (6000)
 * @param maxSessionTimeoutMs         group.max.session.timeout.ms (1800000)
 * @param initialRebalanceDelayMs     group.initial.rebalance.delay.ms (3000)
 * @param maxGroupSize                group.max.size (Integer.MAX_VALUE)
 * @param offsetsRetentionMs          offsets.retention.minutes (7 days) in ms
 * @param offsetsRetentionCheckMs     offsets.retention.check.interval.ms (600000)
 * @param offsetMetadataMaxBytes      offset.metadata.max.bytes (4096)
 * @param consumerSessionTimeoutMs    group.consumer.session.timeout.ms (45000)
 * @param consumerHeartbeatIntervalMs group.consumer.heartbeat.interval.ms (5000)
 * @param consumerAssignors           group.consumer.assignors ("uniform", "range"; the first is the default)
 * @param consumerMaxSize             group.consumer.max.size (Integer.MAX_VALUE)
 */
public record GroupCoordinatorConfig(int offsetsTopicPartitions, int minSessionTimeoutMs, int maxSessionTimeoutMs,
                                     int initialRebalanceDelayMs, int maxGroupSize, long offsetsRetentionMs,
                                     long offsetsRetentionCheckMs, int offsetMetadataMaxBytes,
                                     int consumerSessionTimeoutMs, int consumerHeartbeatIntervalMs,
                                     List<String> consumerAssignors, int consumerMaxSize) {

    public static GroupCoordinatorConfig defaults() {
        return new GroupCoordinatorConfig(50, 6000, 1_800_000, 3000, Integer.MAX_VALUE, 7L * 24 * 60 * 60 * 1000,
                600_000L, 4096, 45_000, 5000, List.of("uniform", "range"), Integer.MAX_VALUE);
    }
}
