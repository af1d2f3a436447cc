package io.tributary.broker.share;

/**
 * The broker's share-partition settings: {@code group.share.record.lock.duration.ms} (default of the group config
 * {@code share.record.lock.duration.ms}), {@code group.share.delivery.count.limit},
 * {@code group.share.partition.max.record.locks} and {@code group.share.max.share.sessions}.
 */
public record ShareLimits(int recordLockDurationMs, int deliveryCountLimit, int maxRecordLocks,
                          int maxShareSessions) {
}
