package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.TopicMetadataView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.protocol.Errors;

/** ConsumerGroupDescribe of one group. */
final class ConsumerGroupDescriber {

    /** Member type of ConsumerGroupDescribe v1: 1 for a member using the consumer protocol. */
    private static final byte CONSUMER_MEMBER_TYPE = 1;

    private final GroupRegistry groups;
    private final TopicMetadataView topics;
    private final AssignorSelector assignors;

    ConsumerGroupDescriber(GroupRegistry groups, TopicMetadataView topics, AssignorSelector assignors) {
        this.groups = groups;
        this.topics = topics;
        this.assignors = assignors;
    }

    ConsumerGroupDescribeResponseData.DescribedGroup describe(String groupId) {
        Group found = groups.get(groupId);
        if (found == null) {
            return ConsumerResponses.describeError(groupId, Errors.GROUP_ID_NOT_FOUND,
                    "Group " + groupId + " not found.");
        }
        if (!(found instanceof ConsumerGroup group)) {
            return ConsumerResponses.describeError(groupId, Errors.GROUP_ID_NOT_FOUND,
                    "Group " + groupId + " is not a consumer group.");
        }
        Map<Uuid, String> names = topicNames(group);
        List<ConsumerGroupDescribeResponseData.Member> members = new ArrayList<>();
        for (ConsumerGroupMember member : group.members()) {
            members.add(new ConsumerGroupDescribeResponseData.Member()
                    .setMemberId(member.memberId())
                    .setInstanceId(member.instanceId())
                    .setRackId(member.rackId())
                    .setMemberEpoch(member.memberEpoch())
                    .setClientId(member.clientId())
                    .setClientHost(member.clientHost())
                    .setSubscribedTopicNames(new ArrayList<>(member.subscribedTopicNames()))
                    .setSubscribedTopicRegex(member.subscribedTopicRegex())
                    .setAssignment(ConsumerResponses.describedAssignment(member.assigned(), names))
                    .setTargetAssignment(ConsumerResponses.describedAssignment(group.target(member.memberId()),
                            names))
                    .setMemberType(CONSUMER_MEMBER_TYPE));
        }
        return new ConsumerGroupDescribeResponseData.DescribedGroup()
                .setGroupId(groupId)
                .setGroupState(group.stateName())
                .setGroupEpoch(group.groupEpoch())
                .setAssignmentEpoch(group.assignmentEpoch())
                .setAssignorName(assignors.preferred(group.members()).name())
                .setMembers(members);
    }

    private Map<Uuid, String> topicNames(ConsumerGroup group) {
        Map<Uuid, String> names = new HashMap<>();
        group.subscribedTopics().values().forEach(t -> names.put(t.topicId(), t.topicName()));
        for (ConsumerGroupMember member : group.members()) {
            addMissing(names, member.assigned().keySet());
            addMissing(names, group.target(member.memberId()).keySet());
        }
        return names;
    }

    private void addMissing(Map<Uuid, String> names, Set<Uuid> ids) {
        for (Uuid id : ids) {
            if (!names.containsKey(id)) {
                topics.topicName(id).ifPresent(name -> names.put(id, name));
            }
        }
    }
}
