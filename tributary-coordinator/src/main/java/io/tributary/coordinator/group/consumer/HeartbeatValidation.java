package io.tributary.coordinator.group.consumer;

import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;

/** The request-level checks of ConsumerGroupHeartbeat, with Kafka's errors (INVALID_REQUEST mostly). */
final class HeartbeatValidation {

    static final int LEAVE_EPOCH = -1;

    private HeartbeatValidation() {
    }

    static void validate(short version, ConsumerGroupHeartbeatRequestData data, AssignorSelector assignors,
                         SubscriptionResolver subscriptions) {
        int epoch = data.memberEpoch();
        require(data.groupId() != null && !data.groupId().isEmpty(), "GroupId can't be empty.");
        // v0 lets the coordinator generate the member id on join; from v1 the client always sends its own.
        require(!data.memberId().isEmpty() || (version == 0 && epoch == 0), "MemberId can't be empty.");
        require(data.instanceId() == null || !data.instanceId().isEmpty(), "InstanceId can't be empty.");
        require(data.rackId() == null || !data.rackId().isEmpty(), "RackId can't be empty.");
        if (epoch == 0) {
            require(data.rebalanceTimeoutMs() != -1, "RebalanceTimeoutMs must be provided in first request.");
            require(data.topicPartitions() != null && data.topicPartitions().isEmpty(),
                    "TopicPartitions must be empty when (re-)joining.");
            require(data.subscribedTopicNames() != null || hasRegex(data),
                    "SubscribedTopicNames or SubscribedTopicRegex must be set in first request.");
        } else if (epoch == ConsumerGroupMember.STATIC_LEAVE_EPOCH) {
            require(data.instanceId() != null, "InstanceId can't be null.");
        } else {
            require(epoch >= LEAVE_EPOCH, "MemberEpoch is invalid.");
        }
        assignors.validate(data.serverAssignor());
        if (hasRegex(data)) {
            subscriptions.validateRegex(data.subscribedTopicRegex());
        }
    }

    static boolean hasRegex(ConsumerGroupHeartbeatRequestData data) {
        return data.subscribedTopicRegex() != null && !data.subscribedTopicRegex().isEmpty();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidRequestException(message);
        }
    }
}
