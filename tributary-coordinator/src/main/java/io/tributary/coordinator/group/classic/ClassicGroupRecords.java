package io.tributary.coordinator.group.classic;

import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.records.GroupMetadataKey;
import io.tributary.coordinator.group.records.GroupMetadataValue;
import io.tributary.coordinator.group.records.GroupRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A classic group's completed generation as a record, and back. */
public final class ClassicGroupRecords {

    private ClassicGroupRecords() {
    }

    /** The group as it is, with the members' current assignments. */
    static GroupRecord metadata(ClassicGroup group) {
        return metadata(group, null);
    }

    /** The group with the assignments the leader just gave (members it left out get an empty one). */
    static GroupRecord metadata(ClassicGroup group, Map<String, byte[]> assignments) {
        List<GroupMetadataValue.MemberMetadata> members = new ArrayList<>();
        for (ClassicGroupMember member : group.members()) {
            byte[] assignment = assignments == null ? member.assignment()
                    : assignments.getOrDefault(member.memberId(), new byte[0]);
            members.add(new GroupMetadataValue.MemberMetadata(member.memberId(), member.groupInstanceId(),
                    member.clientId(), member.clientHost(), member.rebalanceTimeoutMs(), member.sessionTimeoutMs(),
                    member.metadata(group.protocolName()), assignment));
        }
        return new GroupRecord(new GroupMetadataKey(group.groupId()), new GroupMetadataValue(
                group.protocolTypeOrNull(), group.generationId(), group.protocolName(), group.leaderId(),
                group.currentStateTimestamp(), members));
    }

    /** Applies a group metadata record (or its tombstone) to the registry. */
    public static void replay(GroupRegistry groups, GroupMetadataKey key, GroupMetadataValue value, long now) {
        if (value == null) {
            groups.remove(key.groupId());
            return;
        }
        ClassicGroup group = new ClassicGroup(key.groupId(), now);
        for (GroupMetadataValue.MemberMetadata persisted : value.members()) {
            ClassicGroupMember member = new ClassicGroupMember(persisted.memberId(), persisted.groupInstanceId(),
                    persisted.clientId(), persisted.clientHost(), persisted.rebalanceTimeoutMs(),
                    persisted.sessionTimeoutMs(),
                    List.of(new ClassicGroupMember.Protocol(value.protocol(), persisted.subscription())));
            member.setAssignment(persisted.assignment());
            group.add(member, value.protocolType());
        }
        group.restore(value.protocolType(), value.generation(), value.protocol(), value.leader(),
                value.currentStateTimestamp());
        groups.put(group);
    }
}
