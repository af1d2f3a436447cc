package io.tributary.broker.share;

/** A share group's consumption settings: its group configs, else the broker's defaults. Read at every use. */
public interface ShareGroupConfigs {

    /** {@code share.record.lock.duration.ms}. */
    int recordLockDurationMs(String groupId);

    /** {@code share.auto.offset.reset}: latest, earliest or by_duration:&lt;ISO-8601 duration&gt;. */
    String autoOffsetReset(String groupId);

    /** {@code share.isolation.level} is read_committed. */
    boolean readCommitted(String groupId);

    /** Kafka's defaults for every group. */
    static ShareGroupConfigs defaults(int recordLockDurationMs) {
        return new ShareGroupConfigs() {
            @Override
            public int recordLockDurationMs(String groupId) {
                return recordLockDurationMs;
            }

            @Override
            public String autoOffsetReset(String groupId) {
                return "latest";
            }

            @Override
            public boolean readCommitted(String groupId) {
                return false;
            }
        };
    }
}
