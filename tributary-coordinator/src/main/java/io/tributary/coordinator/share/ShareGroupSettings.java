package io.tributary.coordinator.share;

import java.util.OptionalInt;

/** A share group's own settings (group configs, {@code kafka-configs --entity-type groups}), read at every use. */
public interface ShareGroupSettings {

    ShareGroupSettings NONE = new ShareGroupSettings() {
        @Override
        public OptionalInt sessionTimeoutMs(String groupId) {
            return OptionalInt.empty();
        }

        @Override
        public OptionalInt heartbeatIntervalMs(String groupId) {
            return OptionalInt.empty();
        }
    };

    /** {@code share.session.timeout.ms} of the group, if set. */
    OptionalInt sessionTimeoutMs(String groupId);

    /** {@code share.heartbeat.interval.ms} of the group, if set. */
    OptionalInt heartbeatIntervalMs(String groupId);
}
