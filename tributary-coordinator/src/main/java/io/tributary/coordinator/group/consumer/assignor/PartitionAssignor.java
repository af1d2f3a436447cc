package io.tributary.coordinator.group.consumer.assignor;

/**
 * A server-side assignor of KIP-848 consumer groups: from the members' subscriptions (and what they own now),
 * the target assignment of every member. Implementations are pure functions.
 */
public interface PartitionAssignor {

    /** The name clients use in {@code group.remote.assignor} and the broker in {@code group.consumer.assignors}. */
    String name();

    GroupAssignment assign(GroupSpec group, TopicPartitionCounts topics);
}
