package io.tributary.coordinator.group.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.protocol.Errors;

/** Builds ConsumerGroupHeartbeat and ConsumerGroupDescribe answers. */
public final class ConsumerResponses {

    private ConsumerResponses() {
    }

    public static ConsumerGroupHeartbeatResponseData heartbeatError(Errors error) {
        return new ConsumerGroupHeartbeatResponseData().setErrorCode(error.code()).setErrorMessage(error.message());
    }

    public static ConsumerGroupDescribeResponseData.DescribedGroup describeError(String groupId, Errors error,
                                                                                 String message) {
        return new ConsumerGroupDescribeResponseData.DescribedGroup().setGroupId(groupId)
                .setErrorCode(error.code()).setErrorMessage(message);
    }

    static ConsumerGroupHeartbeatResponseData heartbeat(ConsumerGroupMember member, int heartbeatIntervalMs,
                                                        boolean withAssignment) {
        ConsumerGroupHeartbeatResponseData response = new ConsumerGroupHeartbeatResponseData()
                .setMemberId(member.memberId())
                .setMemberEpoch(member.memberEpoch())
                .setHeartbeatIntervalMs(heartbeatIntervalMs);
        if (withAssignment) {
            List<ConsumerGroupHeartbeatResponseData.TopicPartitions> topics = new ArrayList<>();
            member.assigned().forEach((topic, partitions) -> topics.add(
                    new ConsumerGroupHeartbeatResponseData.TopicPartitions().setTopicId(topic)
                            .setPartitions(new ArrayList<>(partitions))));
            response.setAssignment(new ConsumerGroupHeartbeatResponseData.Assignment().setTopicPartitions(topics));
        }
        return response;
    }

    static ConsumerGroupHeartbeatResponseData left(String memberId, int epoch) {
        return new ConsumerGroupHeartbeatResponseData().setMemberId(memberId).setMemberEpoch(epoch);
    }

    static ConsumerGroupDescribeResponseData.Assignment describedAssignment(Map<Uuid, Set<Integer>> partitions,
                                                                           Map<Uuid, String> topicNames) {
        List<ConsumerGroupDescribeResponseData.TopicPartitions> topics = new ArrayList<>();
        partitions.forEach((topic, ofTopic) -> topics.add(new ConsumerGroupDescribeResponseData.TopicPartitions()
                .setTopicId(topic).setTopicName(topicNames.getOrDefault(topic, ""))
                .setPartitions(new ArrayList<>(ofTopic))));
        return new ConsumerGroupDescribeResponseData.Assignment().setTopicPartitions(topics);
    }
}
