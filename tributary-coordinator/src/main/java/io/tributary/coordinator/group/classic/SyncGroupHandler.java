package io.tributary.coordinator.group.classic;

import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.runtime.AppendErrors;
import io.tributary.coordinator.runtime.CoordinatorResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * SyncGroup: members wait until the leader's assignment is persisted with the generation, then all get theirs.
 */
final class SyncGroupHandler {

    private final ClassicGroupContext context;
    private final ClassicRebalance rebalance;

    SyncGroupHandler(ClassicGroupContext context, ClassicRebalance rebalance) {
        this.context = context;
        this.rebalance = rebalance;
    }

    CoordinatorResult<SyncGroupResponseData, GroupRecord> sync(SyncGroupRequestData data,
                                                               CompletableFuture<SyncGroupResponseData> future) {
        ClassicGroup group = MemberValidation.classicGroup(context.groups(), data.groupId());
        MemberValidation.validate(group, data.memberId(), data.groupInstanceId(), data.generationId());
        if ((data.protocolType() != null && !data.protocolType().equals(group.protocolTypeOrNull()))
                || (data.protocolName() != null && !data.protocolName().equals(group.protocolName()))) {
            return error(Errors.INCONSISTENT_GROUP_PROTOCOL);
        }
        ClassicGroupMember member = group.member(data.memberId());
        switch (group.state()) {
            case PREPARING_REBALANCE:
                return error(Errors.REBALANCE_IN_PROGRESS);
            case STABLE:
                rebalance.scheduleSessionExpiry(group, member);
                return CoordinatorResult.of(ClassicResponses.sync(group, member.assignment()));
            case COMPLETING_REBALANCE:
                member.awaitSync(future);
                rebalance.scheduleSessionExpiry(group, member);
                if (!group.isLeader(member.memberId())) {
                    return CoordinatorResult.deferred();
                }
                return persistAssignment(group, data.assignments());
            default:
                return error(Errors.UNKNOWN_MEMBER_ID);
        }
    }

    private CoordinatorResult<SyncGroupResponseData, GroupRecord> persistAssignment(
            ClassicGroup group, List<SyncGroupRequestData.SyncGroupRequestAssignment> given) {
        Map<String, byte[]> assignments = new HashMap<>();
        for (SyncGroupRequestData.SyncGroupRequestAssignment assignment : given) {
            if (group.hasMember(assignment.memberId())) {
                assignments.put(assignment.memberId(), assignment.assignment());
            }
        }
        int generation = group.generationId();
        return CoordinatorResult.persisting(List.of(ClassicGroupRecords.metadata(group, assignments)), null,
                failure -> onAssignmentPersisted(group, generation, assignments, failure));
    }

    private void onAssignmentPersisted(ClassicGroup group, int generation, Map<String, byte[]> assignments,
                                       Throwable failure) {
        // A member may have left meanwhile: then a new rebalance already answered everyone.
        if (!group.isInState(ClassicGroupState.COMPLETING_REBALANCE) || group.generationId() != generation) {
            return;
        }
        if (failure != null) {
            rebalance.failPendingSyncs(group, AppendErrors.toClientError(failure));
            rebalance.prepareRebalance(group, "the assignment could not be persisted");
            return;
        }
        for (ClassicGroupMember member : group.members()) {
            member.setAssignment(assignments.get(member.memberId()));
        }
        group.transitionTo(ClassicGroupState.STABLE, context.now());
        for (ClassicGroupMember member : group.members()) {
            member.completeSync(ClassicResponses.sync(group, member.assignment()));
        }
    }

    private static CoordinatorResult<SyncGroupResponseData, GroupRecord> error(Errors error) {
        return CoordinatorResult.of(ClassicResponses.syncError(Objects.requireNonNull(error)));
    }
}
