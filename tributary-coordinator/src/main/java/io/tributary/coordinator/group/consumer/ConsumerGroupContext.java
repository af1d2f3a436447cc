package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.GroupCoordinatorConfig;
import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.runtime.CoordinatorTimer;

/** What the consumer group handlers of one shard share. */
record ConsumerGroupContext(GroupCoordinatorConfig config, CoordinatorTimer<GroupRecord> timer, GroupRegistry groups,
                            SubscriptionResolver subscriptions, AssignorSelector assignors,
                            TargetAssignmentUpdater targets) {
}
