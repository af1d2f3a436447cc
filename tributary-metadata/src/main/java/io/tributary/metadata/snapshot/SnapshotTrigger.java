package io.tributary.metadata.snapshot;

/**
 * Counts the record bytes committed since the last snapshot and says when the {@link SnapshotPolicy} asks for
 * the next one. Thread-safe: the log counts on its append or apply thread, the snapshot may be taken on another.
 */
public final class SnapshotTrigger {

    private final SnapshotPolicy policy;
    private long bytesSinceSnapshot;
    private long lastSnapshotMs;

    public SnapshotTrigger(SnapshotPolicy policy, long nowMs) {
        this.policy = policy;
        this.lastSnapshotMs = nowMs;
    }

    public synchronized void recordBytes(long bytes) {
        bytesSinceSnapshot += bytes;
    }

    public synchronized long bytesSinceSnapshot() {
        return bytesSinceSnapshot;
    }

    /** True when enough bytes came, or the interval passed and at least one record came. */
    public synchronized boolean due(long nowMs) {
        if (bytesSinceSnapshot >= policy.maxBytesBetweenSnapshots()) {
            return true;
        }
        return policy.maxIntervalMs() > 0 && bytesSinceSnapshot > 0 && nowMs - lastSnapshotMs >= policy.maxIntervalMs();
    }

    /** A snapshot was written: counting starts over. */
    public synchronized void snapshotTaken(long nowMs) {
        bytesSinceSnapshot = 0;
        lastSnapshotMs = nowMs;
    }
}
