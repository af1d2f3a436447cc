package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.consumer.assignor.GroupAssignment;
import io.tributary.coordinator.group.consumer.assignor.GroupSpec;
import io.tributary.coordinator.group.consumer.assignor.MemberSubscription;
import io.tributary.coordinator.group.consumer.assignor.PartitionAssignor;
import io.tributary.coordinator.group.consumer.records.TopicMetadata;
import io.tributary.coordinator.group.records.GroupRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/**
 * Bumps a group's epoch when its membership, subscriptions or subscribed topics changed, and then computes the
 * new target assignment with the group's assignor.
 */
final class TargetAssignmentUpdater {

    /** The group after the change: its epochs and target assignment, and the records that make it so. */
    record Update(int groupEpoch, int assignmentEpoch, Map<String, Map<Uuid, Set<Integer>>> targets,
                  List<GroupRecord> records) {
    }

    private final SubscriptionResolver subscriptions;
    private final AssignorSelector assignors;

    TargetAssignmentUpdater(SubscriptionResolver subscriptions, AssignorSelector assignors) {
        this.subscriptions = subscriptions;
        this.assignors = assignors;
    }

    /**
     * @param members          the members once the change is applied
     * @param targets          their current targets (a replacing static member already under its new id)
     * @param membershipChanged a member joined, left or changed its subscription: the epoch bumps anyway
     */
    Update update(ConsumerGroup group, Map<String, ConsumerGroupMember> members,
                  Map<String, Map<Uuid, Set<Integer>>> targets, boolean membershipChanged, boolean refreshTopics) {
        Map<String, TopicMetadata> topics = membershipChanged || refreshTopics
                ? subscriptions.metadataFor(members.values()) : group.subscribedTopics();
        List<GroupRecord> records = new ArrayList<>();
        int epoch = group.groupEpoch();
        if (membershipChanged || !topics.equals(group.subscribedTopics())) {
            epoch++;
            records.add(ConsumerGroupRecords.groupEpoch(group.groupId(), epoch, topics));
        }
        if (epoch <= group.assignmentEpoch()) {
            return new Update(epoch, group.assignmentEpoch(), targets, records);
        }
        Map<String, Map<Uuid, Set<Integer>>> newTargets = assign(members, targets, topics);
        newTargets.forEach((memberId, partitions) -> {
            if (!partitions.equals(targets.getOrDefault(memberId, Map.of()))
                    || !group.targets().containsKey(memberId)) {
                records.add(ConsumerGroupRecords.target(group.groupId(), memberId, partitions));
            }
        });
        records.add(ConsumerGroupRecords.targetEpoch(group.groupId(), epoch));
        return new Update(epoch, epoch, newTargets, records);
    }

    private Map<String, Map<Uuid, Set<Integer>>> assign(Map<String, ConsumerGroupMember> members,
                                                       Map<String, Map<Uuid, Set<Integer>>> targets,
                                                       Map<String, TopicMetadata> topics) {
        Map<Uuid, Integer> partitionCounts = new HashMap<>();
        topics.values().forEach(t -> partitionCounts.put(t.topicId(), t.partitionCount()));
        Map<String, MemberSubscription> specs = new HashMap<>();
        members.forEach((memberId, member) -> specs.put(memberId, new MemberSubscription(
                subscriptions.topicIdsOf(member, topics), targets.getOrDefault(memberId, Map.of()))));
        PartitionAssignor assignor = assignors.preferred(members.values());
        GroupAssignment assignment = assignor.assign(new GroupSpec(specs),
                topicId -> partitionCounts.getOrDefault(topicId, 0));
        Map<String, Map<Uuid, Set<Integer>>> result = new HashMap<>();
        members.keySet().forEach(memberId -> result.put(memberId,
                Assignments.normalize(assignment.members().getOrDefault(memberId, Map.of()))));
        return result;
    }
}
