package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.consumer.records.ConsumerCurrentAssignmentRecord;
import io.tributary.coordinator.group.consumer.records.ConsumerGroupMetadataRecord;
import io.tributary.coordinator.group.consumer.records.ConsumerMemberMetadataRecord;
import io.tributary.coordinator.group.consumer.records.ConsumerTargetAssignmentEpochRecord;
import io.tributary.coordinator.group.consumer.records.ConsumerTargetAssignmentRecord;
import io.tributary.coordinator.group.consumer.records.TopicMetadata;
import io.tributary.coordinator.group.records.GroupRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/** Builds the records that change consumer groups. */
final class ConsumerGroupRecords {

    private ConsumerGroupRecords() {
    }

    static GroupRecord groupEpoch(String groupId, int epoch, Map<String, TopicMetadata> topics) {
        return new GroupRecord(ConsumerGroupMetadataRecord.key(groupId),
                new ConsumerGroupMetadataRecord.Value(epoch, topics));
    }

    static GroupRecord memberMetadata(String groupId, ConsumerGroupMember member) {
        return new GroupRecord(ConsumerMemberMetadataRecord.key(groupId, member.memberId()),
                member.metadataValue());
    }

    static GroupRecord target(String groupId, String memberId, Map<Uuid, Set<Integer>> partitions) {
        return new GroupRecord(ConsumerTargetAssignmentRecord.key(groupId, memberId),
                new ConsumerTargetAssignmentRecord.Value(partitions));
    }

    static GroupRecord targetEpoch(String groupId, int epoch) {
        return new GroupRecord(ConsumerTargetAssignmentEpochRecord.key(groupId),
                new ConsumerTargetAssignmentEpochRecord.Value(epoch));
    }

    static GroupRecord currentAssignment(String groupId, ConsumerGroupMember member) {
        return new GroupRecord(ConsumerCurrentAssignmentRecord.key(groupId, member.memberId()),
                member.assignmentValue());
    }

    /** Tombstones removing a member: its current assignment, its target, then the member itself. */
    static List<GroupRecord> memberRemoval(String groupId, String memberId) {
        return List.of(
                GroupRecord.tombstone(ConsumerCurrentAssignmentRecord.key(groupId, memberId)),
                GroupRecord.tombstone(ConsumerTargetAssignmentRecord.key(groupId, memberId)),
                GroupRecord.tombstone(ConsumerMemberMetadataRecord.key(groupId, memberId)));
    }

    /** Tombstones for everything of the group, the group metadata last (its tombstone drops the group). */
    static List<GroupRecord> deletion(ConsumerGroup group) {
        List<GroupRecord> records = new ArrayList<>();
        group.members().forEach(member -> records.addAll(memberRemoval(group.groupId(), member.memberId())));
        group.targets().keySet().stream().filter(id -> group.member(id) == null).forEach(id -> records.add(
                GroupRecord.tombstone(ConsumerTargetAssignmentRecord.key(group.groupId(), id))));
        records.add(GroupRecord.tombstone(ConsumerTargetAssignmentEpochRecord.key(group.groupId())));
        records.add(GroupRecord.tombstone(ConsumerGroupMetadataRecord.key(group.groupId())));
        return records;
    }
}
