package io.tributary.coordinator.group.classic;

import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.Errors;

/** Heartbeat: keeps a member's session alive and tells it when a rebalance is under way. */
final class HeartbeatHandler {

    private final ClassicRebalance rebalance;

    HeartbeatHandler(ClassicRebalance rebalance) {
        this.rebalance = rebalance;
    }

    CoordinatorResult<HeartbeatResponseData, GroupRecord> heartbeat(ClassicGroupContext context,
                                                                    HeartbeatRequestData data) {
        ClassicGroup group = MemberValidation.classicGroup(context.groups(), data.groupId());
        MemberValidation.validate(group, data.memberId(), data.groupInstanceId(), data.generationId());
        ClassicGroupMember member = group.member(data.memberId());
        rebalance.scheduleSessionExpiry(group, member);
        Errors error = group.isInState(ClassicGroupState.PREPARING_REBALANCE)
                ? Errors.REBALANCE_IN_PROGRESS : Errors.NONE;
        return CoordinatorResult.of(ClassicResponses.heartbeat(error));
    }
}
