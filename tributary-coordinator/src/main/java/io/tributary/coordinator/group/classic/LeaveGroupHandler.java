package io.tributary.coordinator.group.classic;

import static io.tributary.coordinator.group.classic.ClassicGroupContext.pendingMemberTimerKey;

import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * LeaveGroup over the request's normalized form: a batch of members with an error each (v0-2 carry one member,
 * by member id; v3+ several, static ones by instance id). The broker shapes the answer for the request version.
 */
final class LeaveGroupHandler {

    private final ClassicGroupContext context;
    private final ClassicRebalance rebalance;

    LeaveGroupHandler(ClassicGroupContext context, ClassicRebalance rebalance) {
        this.context = context;
        this.rebalance = rebalance;
    }

    CoordinatorResult<LeaveGroupResponseData, GroupRecord> leave(LeaveGroupRequestData data) {
        ClassicGroup group = MemberValidation.classicGroup(context.groups(), data.groupId());
        List<GroupRecord> records = new ArrayList<>();
        List<LeaveGroupResponseData.MemberResponse> responses = new ArrayList<>();
        for (LeaveGroupRequestData.MemberIdentity identity : data.members()) {
            Errors error = leaveOne(group, identity, records);
            responses.add(new LeaveGroupResponseData.MemberResponse()
                    .setMemberId(identity.memberId())
                    .setGroupInstanceId(identity.groupInstanceId())
                    .setErrorCode(error.code()));
        }
        return CoordinatorResult.persisting(records, new LeaveGroupResponseData().setMembers(responses), null);
    }

    private Errors leaveOne(ClassicGroup group, LeaveGroupRequestData.MemberIdentity identity,
                            List<GroupRecord> records) {
        String memberId = identity.memberId();
        if (identity.groupInstanceId() != null) {
            String current = group.staticMemberId(identity.groupInstanceId());
            if (current == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            // An empty member id leaves by instance id alone (the admin client removing static members).
            if (memberId != null && !memberId.isEmpty() && !current.equals(memberId)) {
                return Errors.FENCED_INSTANCE_ID;
            }
            memberId = current;
        } else if (group.removePending(memberId)) {
            context.timer().cancel(pendingMemberTimerKey(group.groupId(), memberId));
            records.addAll(rebalance.maybeCompleteJoin(group));
            return Errors.NONE;
        } else if (!group.hasMember(memberId)) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        records.addAll(rebalance.removeMemberAndUpdate(group, memberId, "member " + memberId + " left"));
        return Errors.NONE;
    }
}
