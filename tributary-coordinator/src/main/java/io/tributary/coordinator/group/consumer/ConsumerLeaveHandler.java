package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;

/**
 * A heartbeat with epoch -1 (leave) or -2 (a static member leaving for a while: it keeps its partitions until
 * it comes back or its session times out).
 */
final class ConsumerLeaveHandler {

    private final ConsumerGroupContext context;
    private final ConsumerMemberTimers timers;
    private final MemberRemoval removal;

    ConsumerLeaveHandler(ConsumerGroupContext context, ConsumerMemberTimers timers, MemberRemoval removal) {
        this.context = context;
        this.timers = timers;
        this.removal = removal;
    }

    CoordinatorResult<ConsumerGroupHeartbeatResponseData, GroupRecord> leave(ConsumerGroupHeartbeatRequestData data) {
        Group found = context.groups().get(data.groupId());
        if (found != null && !(found instanceof ConsumerGroup)) {
            throw new GroupIdNotFoundException("Group " + data.groupId() + " is not a consumer group.");
        }
        ConsumerGroup group = (ConsumerGroup) found;
        String memberId = data.memberId();
        if (group != null && data.instanceId() != null) {
            String current = group.staticMemberId(data.instanceId());
            if (current == null) {
                throw new UnknownMemberIdException("Unknown static member " + data.instanceId());
            }
            if (!current.equals(memberId)) {
                throw new FencedInstanceIdException("Static member " + data.instanceId() + " has another member id");
            }
        }
        ConsumerGroupMember member = group == null ? null : group.member(memberId);
        if (member == null) {
            throw new UnknownMemberIdException("Member " + memberId + " is not in group " + data.groupId());
        }
        ConsumerGroupHeartbeatResponseData response = ConsumerResponses.left(memberId, data.memberEpoch());
        if (data.memberEpoch() == ConsumerGroupMember.STATIC_LEAVE_EPOCH) {
            ConsumerGroupMember away = member.withAssignment(ConsumerGroupMember.STATIC_LEAVE_EPOCH,
                    member.memberEpoch(), MemberState.STABLE, member.assigned(), Map.of());
            timers.cancelRevocation(group.groupId(), memberId);
            timers.scheduleSession(group.groupId(), memberId);
            return CoordinatorResult.of(List.of(ConsumerGroupRecords.currentAssignment(group.groupId(), away)),
                    response);
        }
        return CoordinatorResult.of(removal.remove(group, memberId, "it left the group"), response);
    }
}
