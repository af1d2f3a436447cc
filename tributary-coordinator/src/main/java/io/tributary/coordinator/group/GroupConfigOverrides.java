package io.tributary.coordinator.group;

import java.util.OptionalInt;

/**
 * A group's own settings (Kafka's group configs, {@code kafka-configs --entity-type groups}), which take the place
 * of the broker's defaults for that group's KIP-848 members. Read at every use, so a change applies at the
 * member's next heartbeat.
 */
public interface GroupConfigOverrides {

    /** No group has settings of its own. */
    GroupConfigOverrides NONE = new GroupConfigOverrides() {
        @Override
        public OptionalInt consumerSessionTimeoutMs(String groupId) {
            return OptionalInt.empty();
        }

        @Override
        public OptionalInt consumerHeartbeatIntervalMs(String groupId) {
            return OptionalInt.empty();
        }
    };

    /** {@code consumer.session.timeout.ms} of the group, if set. */
    OptionalInt consumerSessionTimeoutMs(String groupId);

    /** {@code consumer.heartbeat.interval.ms} of the group, if set. */
    OptionalInt consumerHeartbeatIntervalMs(String groupId);
}
