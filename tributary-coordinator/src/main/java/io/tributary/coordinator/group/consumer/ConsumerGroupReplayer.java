package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.consumer.records.ConsumerCurrentAssignmentRecord;
import io.tributary.coordinator.group.consumer.records.ConsumerGroupKey;
import io.tributary.coordinator.group.consumer.records.ConsumerGroupMetadataRecord;
import io.tributary.coordinator.group.consumer.records.ConsumerMemberKey;
import io.tributary.coordinator.group.consumer.records.ConsumerMemberMetadataRecord;
import io.tributary.coordinator.group.consumer.records.ConsumerTargetAssignmentEpochRecord;
import io.tributary.coordinator.group.consumer.records.ConsumerTargetAssignmentRecord;
import io.tributary.coordinator.group.records.RecordKey;
import io.tributary.coordinator.group.records.RecordValue;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies consumer group records to the registry, at load and after each append. */
final class ConsumerGroupReplayer {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupReplayer.class);

    private final GroupRegistry groups;

    ConsumerGroupReplayer(GroupRegistry groups) {
        this.groups = groups;
    }

    /** Registers a replayer per record type with the shard. */
    void registerWith(BiConsumer<Short, BiConsumer<RecordKey, RecordValue>> registry) {
        registry.accept(ConsumerGroupMetadataRecord.TYPE, (key, value) -> replayGroup(
                (ConsumerGroupKey) key, (ConsumerGroupMetadataRecord.Value) value));
        registry.accept(ConsumerMemberMetadataRecord.TYPE, (key, value) -> replayMember(
                (ConsumerMemberKey) key, (ConsumerMemberMetadataRecord.Value) value));
        registry.accept(ConsumerTargetAssignmentRecord.TYPE, (key, value) -> {
            ConsumerMemberKey k = (ConsumerMemberKey) key;
            ConsumerGroup group = value == null ? existing(k.groupId()) : getOrCreate(k.groupId());
            if (group != null) {
                group.setTarget(k.memberId(), value == null ? null
                        : ((ConsumerTargetAssignmentRecord.Value) value).partitions());
            }
        });
        registry.accept(ConsumerTargetAssignmentEpochRecord.TYPE, (key, value) -> {
            ConsumerGroupKey k = (ConsumerGroupKey) key;
            if (value != null) {
                getOrCreate(k.groupId())
                        .setAssignmentEpoch(((ConsumerTargetAssignmentEpochRecord.Value) value).assignmentEpoch());
            }
        });
        registry.accept(ConsumerCurrentAssignmentRecord.TYPE, (key, value) -> replayAssignment(
                (ConsumerMemberKey) key, (ConsumerCurrentAssignmentRecord.Value) value));
    }

    private void replayGroup(ConsumerGroupKey key, ConsumerGroupMetadataRecord.Value value) {
        if (value == null) {
            if (existing(key.groupId()) != null) {
                groups.remove(key.groupId());
            }
            return;
        }
        getOrCreate(key.groupId()).setEpoch(value.groupEpoch(), value.subscribedTopics());
    }

    private void replayMember(ConsumerMemberKey key, ConsumerMemberMetadataRecord.Value value) {
        if (value == null) {
            ConsumerGroup group = existing(key.groupId());
            if (group != null) {
                group.removeMember(key.memberId());
            }
            return;
        }
        ConsumerGroup group = getOrCreate(key.groupId());
        ConsumerGroupMember member = group.member(key.memberId());
        if (member == null) {
            member = ConsumerGroupMember.joining(key.memberId());
        }
        group.putMember(member.withMetadata(value));
    }

    private void replayAssignment(ConsumerMemberKey key,
                                  ConsumerCurrentAssignmentRecord.Value value) {
        ConsumerGroup group = existing(key.groupId());
        ConsumerGroupMember member = group == null ? null : group.member(key.memberId());
        if (member == null) {
            // A tombstone after the member's removal, or an assignment without its member (not written so).
            if (value != null) {
                LOG.warn("Skipping the assignment of unknown member {} of group {}", key.memberId(), key.groupId());
            }
            return;
        }
        group.putMember(value == null
                ? member.withAssignment(0, -1, MemberState.STABLE, Map.of(), Map.of())
                : member.withAssignment(value));
    }

    private ConsumerGroup existing(String groupId) {
        return groups.get(groupId, ConsumerGroup.class);
    }

    /** The consumer group, created if needed; an empty group of another type is replaced (converted). */
    private ConsumerGroup getOrCreate(String groupId) {
        Group group = groups.get(groupId);
        if (group instanceof ConsumerGroup consumer) {
            return consumer;
        }
        if (group != null) {
            if (!group.isEmpty()) {
                LOG.warn("Replacing non-empty {} group {} by a consumer group", group.type().wireName(), groupId);
            }
            groups.remove(groupId);
        }
        ConsumerGroup created = new ConsumerGroup(groupId);
        groups.put(created);
        return created;
    }
}
