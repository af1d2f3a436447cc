package io.tributary.coordinator.group.service;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.GroupType;
import io.tributary.coordinator.group.offsets.OffsetDeleteHandler;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.protocol.Errors;

/** ListGroups, DescribeGroups and DeleteGroups over the groups of one shard, whatever their type. */
final class GroupAdmin {

    static final String DEAD_STATE = "Dead";

    private final GroupRegistry groups;
    private final OffsetDeleteHandler offsetDeletes;

    GroupAdmin(GroupRegistry groups, OffsetDeleteHandler offsetDeletes) {
        this.groups = groups;
        this.offsetDeletes = offsetDeletes;
    }

    /** @param states lower-case states to keep (empty: all); @param types group types to keep (empty: all) */
    List<ListGroupsResponseData.ListedGroup> list(List<String> states, List<String> types) {
        List<ListGroupsResponseData.ListedGroup> listed = new ArrayList<>();
        for (Group group : groups.all()) {
            if (!states.isEmpty() && !states.contains(group.stateName().toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (!types.isEmpty() && types.stream().noneMatch(type -> group.type().matches(type))) {
                continue;
            }
            listed.add(new ListGroupsResponseData.ListedGroup()
                    .setGroupId(group.groupId())
                    .setProtocolType(group.protocolType())
                    .setGroupState(group.stateName())
                    .setGroupType(group.type().wireName()));
        }
        return listed;
    }

    DescribeGroupsResponseData.DescribedGroup describe(short version, String groupId) {
        Group group = groups.get(groupId);
        if (group == null) {
            return unknownGroup(version, groupId);
        }
        DescribeGroupsResponseData.DescribedGroup described = group.describe();
        if (group.type() != GroupType.CLASSIC && version < 6) {
            // Before v6 there is no error for a group of another type: it looks dead.
            return unknownGroup(version, groupId);
        }
        return described;
    }

    CoordinatorResult<List<DeleteGroupsResponseData.DeletableGroupResult>, GroupRecord> delete(
            List<String> groupIds) {
        List<GroupRecord> records = new ArrayList<>();
        List<DeleteGroupsResponseData.DeletableGroupResult> results = new ArrayList<>();
        for (String groupId : groupIds) {
            Errors error = Errors.NONE;
            Group group = groups.get(groupId);
            try {
                if (group == null) {
                    error = Errors.GROUP_ID_NOT_FOUND;
                } else {
                    group.validateDeleteGroup();
                    records.addAll(offsetDeletes.deleteAll(groupId));
                    records.addAll(group.deletionRecords());
                }
            } catch (ApiException e) {
                error = Errors.forException(e);
            }
            results.add(new DeleteGroupsResponseData.DeletableGroupResult().setGroupId(groupId)
                    .setErrorCode(error.code()));
        }
        return CoordinatorResult.of(records, results);
    }

    /** Kafka answers an unknown group as a Dead one: with no error before v6, GROUP_ID_NOT_FOUND from v6. */
    static DescribeGroupsResponseData.DescribedGroup unknownGroup(short version, String groupId) {
        return new DescribeGroupsResponseData.DescribedGroup()
                .setGroupId(groupId)
                .setGroupState(DEAD_STATE)
                .setProtocolType("")
                .setProtocolData("")
                .setErrorCode(version >= 6 ? Errors.GROUP_ID_NOT_FOUND.code() : Errors.NONE.code())
                .setErrorMessage(version >= 6 ? "Group " + groupId + " not found." : null);
    }

    static DescribeGroupsResponseData.DescribedGroup describeError(String groupId, Errors error) {
        return new DescribeGroupsResponseData.DescribedGroup().setGroupId(groupId).setErrorCode(error.code())
                .setGroupState("").setProtocolType("").setProtocolData("");
    }
}
