package io.tributary.metadata.snapshot;

/**
 * When the metadata image is snapshotted, with Kafka's two settings: after
 * {@code metadata.log.max.record.bytes.between.snapshots} bytes of records since the last snapshot, or once
 * {@code metadata.log.max.snapshot.interval.ms} has passed since it and some record came (0 disables the timer).
 *
 * @param maxBytesBetweenSnapshots bytes of metadata records after which a snapshot is taken
 * @param maxIntervalMs            longest time between snapshots while records come, 0 for no limit
 */
public record SnapshotPolicy(long maxBytesBetweenSnapshots, long maxIntervalMs) {

    /** Kafka's defaults: 20 MiB, one hour. */
    public static final SnapshotPolicy DEFAULT = new SnapshotPolicy(20L * 1024 * 1024, 3_600_000L);

    public SnapshotPolicy {
        if (maxBytesBetweenSnapshots < 1) {
            throw new IllegalArgumentException("bytes between snapshots must be at least 1, got "
                + maxBytesBetweenSnapshots);
        }
        if (maxIntervalMs < 0) {
            throw new IllegalArgumentException("snapshot interval must not be negative, got " + maxIntervalMs);
        }
    }
}
