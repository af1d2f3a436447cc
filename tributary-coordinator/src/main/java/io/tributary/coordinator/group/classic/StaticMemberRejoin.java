package io.tributary.coordinator.group.classic;

import io.tributary.coordinator.group.CoordinatorRequestContext;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * A known static member (group.instance.id) rejoining with an empty member id, e.g. after a restart: it takes
 * a new member id and fences the old one. In a stable group whose selected protocol stays the same it keeps its
 * assignment without a rebalance, even if its protocol metadata changed.
 */
final class StaticMemberRejoin {

    private final ClassicGroupContext context;
    private final ClassicRebalance rebalance;

    StaticMemberRejoin(ClassicGroupContext context, ClassicRebalance rebalance) {
        this.context = context;
        this.rebalance = rebalance;
    }

    CoordinatorResult<JoinGroupResponseData, GroupRecord> replace(
            CoordinatorRequestContext request, JoinGroupRequestData data, ClassicGroup group, String oldMemberId,
            String newMemberId, CompletableFuture<JoinGroupResponseData> future) {
        ClassicGroupMember member = group.member(oldMemberId);
        // The previous incarnation's waiting calls are answered: it is fenced.
        member.completeJoin(ClassicResponses.joinError(oldMemberId, Errors.FENCED_INSTANCE_ID));
        member.completeSync(ClassicResponses.syncError(Errors.FENCED_INSTANCE_ID));
        List<ClassicGroupMember.Protocol> protocols = JoinGroupHandler.protocols(data);
        int oldRebalanceTimeout = member.rebalanceTimeoutMs();
        int oldSessionTimeout = member.sessionTimeoutMs();
        List<ClassicGroupMember.Protocol> oldProtocols = member.protocols();

        context.timer().cancel(JoinGroupHandler.sessionKey(group, oldMemberId));
        group.replaceStaticMember(oldMemberId, newMemberId);
        member.update(JoinGroupHandler.rebalanceTimeoutMs(data), data.sessionTimeoutMs(), protocols);
        rebalance.scheduleSessionExpiry(group, member);

        switch (group.state()) {
            case STABLE:
                // Only a change of the group's selected protocol needs a rebalance; new metadata (e.g. a
                // restarted member that owns nothing yet) is kept and the stored assignment handed back.
                if (selectedProtocolUnchanged(group)) {
                    return rejoinStable(request, group, member, oldMemberId, future,
                            () -> member.update(oldRebalanceTimeout, oldSessionTimeout, oldProtocols));
                }
                member.awaitJoin(future);
                return JoinGroupHandler.deferred(rebalance.prepareRebalance(group,
                        "static member " + member.groupInstanceId() + " rejoined with a different protocol"));
            case COMPLETING_REBALANCE:
                member.awaitJoin(future);
                return JoinGroupHandler.deferred(rebalance.prepareRebalance(group,
                        "static member " + member.groupInstanceId() + " rejoined during the rebalance"));
            case PREPARING_REBALANCE:
                member.awaitJoin(future);
                return JoinGroupHandler.deferred(rebalance.maybeCompleteJoin(group));
            default:
                return CoordinatorResult.of(ClassicResponses.joinError(newMemberId, Errors.UNKNOWN_MEMBER_ID));
        }
    }

    private static boolean selectedProtocolUnchanged(ClassicGroup group) {
        return !ProtocolSelector.candidates(group.members()).isEmpty()
                && ProtocolSelector.select(group.members()).equals(group.protocolName());
    }

    /** Persist the new member id, then answer with the current generation (the leader skips assignment). */
    private CoordinatorResult<JoinGroupResponseData, GroupRecord> rejoinStable(
            CoordinatorRequestContext request, ClassicGroup group, ClassicGroupMember member, String oldMemberId,
            CompletableFuture<JoinGroupResponseData> future, Runnable restoreMember) {
        String newMemberId = member.memberId();
        int generation = group.generationId();
        boolean leaderSkipsAssignment = group.isLeader(newMemberId) && request.apiVersion() >= 9;
        return CoordinatorResult.persisting(List.of(ClassicGroupRecords.metadata(group)), null, failure -> {
            if (failure == null) {
                JoinGroupResponseData response = ClassicResponses.join(group, member, leaderSkipsAssignment);
                if (!leaderSkipsAssignment) {
                    response.setMembers(List.of()); // older leaders must not compute a new assignment
                }
                future.complete(response);
                return;
            }
            if (group.hasMember(newMemberId) && group.generationId() == generation) {
                context.timer().cancel(JoinGroupHandler.sessionKey(group, newMemberId));
                group.replaceStaticMember(newMemberId, oldMemberId);
                restoreMember.run();
                rebalance.scheduleSessionExpiry(group, member);
            }
            future.complete(ClassicResponses.joinError(newMemberId, JoinGroupHandler.appendError(failure)));
        });
    }
}
