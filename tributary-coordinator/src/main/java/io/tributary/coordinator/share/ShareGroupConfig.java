package io.tributary.coordinator.share;

/**
 * The broker settings of share group membership: {@code group.share.session.timeout.ms},
 * {@code group.share.heartbeat.interval.ms}, {@code group.share.max.groups}, {@code group.share.max.size}.
 */
public record ShareGroupConfig(int offsetsTopicPartitions, int sessionTimeoutMs, int heartbeatIntervalMs,
                               int maxGroups, int maxSize) {
}
