package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.GroupConfigOverrides;
import io.tributary.coordinator.group.GroupCoordinatorConfig;
import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.runtime.CoordinatorTimer;

/** What the consumer group handlers of one shard share. */
record ConsumerGroupContext(GroupCoordinatorConfig config, CoordinatorTimer<GroupRecord> timer, GroupRegistry groups,
                            SubscriptionResolver subscriptions, AssignorSelector assignors,
                            TargetAssignmentUpdater targets, GroupConfigOverrides overrides) {

    /** The group's consumer.session.timeout.ms, else the broker's group.consumer.session.timeout.ms. */
    int sessionTimeoutMs(String groupId) {
        return overrides.consumerSessionTimeoutMs(groupId).orElse(config.consumerSessionTimeoutMs());
    }

    /** The group's consumer.heartbeat.interval.ms, else the broker's group.consumer.heartbeat.interval.ms. */
    int heartbeatIntervalMs(String groupId) {
        return overrides.consumerHeartbeatIntervalMs(groupId).orElse(config.consumerHeartbeatIntervalMs());
    }
}
