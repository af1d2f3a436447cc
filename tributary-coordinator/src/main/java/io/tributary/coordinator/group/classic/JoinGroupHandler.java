package io.tributary.coordinator.group.classic;

import static io.tributary.coordinator.group.classic.ClassicGroupContext.pendingMemberTimerKey;
import static io.tributary.coordinator.group.classic.ClassicGroupContext.sessionTimerKey;

import io.tributary.coordinator.group.CoordinatorRequestContext;
import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.runtime.AppendErrors;
import io.tributary.coordinator.runtime.CoordinatorResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/** JoinGroup: new, known, pending and static members; the answer comes when the join phase completes. */
final class JoinGroupHandler {

    private final ClassicGroupContext context;
    private final ClassicRebalance rebalance;

    JoinGroupHandler(ClassicGroupContext context, ClassicRebalance rebalance) {
        this.context = context;
        this.rebalance = rebalance;
    }

    CoordinatorResult<JoinGroupResponseData, GroupRecord> join(CoordinatorRequestContext request,
                                                               JoinGroupRequestData data,
                                                               CompletableFuture<JoinGroupResponseData> future) {
        Errors invalid = validate(data);
        if (invalid != Errors.NONE) {
            return CoordinatorResult.of(ClassicResponses.joinError(data.memberId(), invalid));
        }
        Group existing = context.groups().get(data.groupId());
        if (existing != null && !(existing instanceof ClassicGroup)) {
            return CoordinatorResult.of(
                    ClassicResponses.joinError(data.memberId(), Errors.INCONSISTENT_GROUP_PROTOCOL));
        }
        ClassicGroup group = (ClassicGroup) existing;
        boolean created = false;
        if (group == null) {
            if (!data.memberId().isEmpty()) {
                return CoordinatorResult.of(ClassicResponses.joinError(data.memberId(), Errors.UNKNOWN_MEMBER_ID));
            }
            group = new ClassicGroup(data.groupId(), context.now());
            context.groups().put(group);
            created = true;
        }
        CoordinatorResult<JoinGroupResponseData, GroupRecord> result = joinGroup(request, data, group, future);
        if (created && group.isEmpty() && group.pendingCount() == 0) {
            context.groups().remove(group.groupId()); // the join failed: don't keep a group nobody is in
        }
        return result;
    }

    private Errors validate(JoinGroupRequestData data) {
        if (data.groupId() == null || data.groupId().isEmpty()) {
            return Errors.INVALID_GROUP_ID;
        }
        int sessionTimeout = data.sessionTimeoutMs();
        if (sessionTimeout < context.config().minSessionTimeoutMs()
                || sessionTimeout > context.config().maxSessionTimeoutMs()) {
            return Errors.INVALID_SESSION_TIMEOUT;
        }
        return Errors.NONE;
    }

    private CoordinatorResult<JoinGroupResponseData, GroupRecord> joinGroup(
            CoordinatorRequestContext request, JoinGroupRequestData data, ClassicGroup group,
            CompletableFuture<JoinGroupResponseData> future) {
        String memberId = data.memberId();
        if (group.isInState(ClassicGroupState.DEAD)) {
            return error(memberId, Errors.COORDINATOR_NOT_AVAILABLE);
        }
        Set<String> protocolNames = new HashSet<>();
        data.protocols().forEach(p -> protocolNames.add(p.name()));
        if (!group.supportsProtocols(data.protocolType(), protocolNames)) {
            return error(memberId, Errors.INCONSISTENT_GROUP_PROTOCOL);
        }
        if (!acceptsJoiningMember(group, memberId)) {
            return error(memberId, Errors.GROUP_MAX_SIZE_REACHED);
        }
        if (memberId.isEmpty()) {
            return joinNewMember(request, data, group, future);
        }
        return joinKnownMember(request, data, group, future);
    }

    private boolean acceptsJoiningMember(ClassicGroup group, String memberId) {
        int maxSize = context.config().maxGroupSize();
        return switch (group.state()) {
            case EMPTY, DEAD -> true;
            case PREPARING_REBALANCE -> (group.hasMember(memberId) && group.member(memberId).isAwaitingJoin())
                    || group.awaitingJoinCount() < maxSize;
            case COMPLETING_REBALANCE, STABLE -> group.hasMember(memberId) || group.size() < maxSize;
        };
    }

    private CoordinatorResult<JoinGroupResponseData, GroupRecord> joinNewMember(
            CoordinatorRequestContext request, JoinGroupRequestData data, ClassicGroup group,
            CompletableFuture<JoinGroupResponseData> future) {
        String newMemberId = request.clientId() + "-" + UUID.randomUUID();
        if (data.groupInstanceId() != null) {
            String oldMemberId = group.staticMemberId(data.groupInstanceId());
            if (oldMemberId != null) {
                return new StaticMemberRejoin(context, rebalance)
                        .replace(request, data, group, oldMemberId, newMemberId, future);
            }
            return addMemberAndRebalance(request, data, group, newMemberId, future);
        }
        if (request.apiVersion() >= 4) {
            // The client must come back with this id, so that a lost response doesn't leave a ghost member.
            group.addPending(newMemberId);
            rebalance.schedulePendingMemberExpiry(group, newMemberId, data.sessionTimeoutMs());
            return error(newMemberId, Errors.MEMBER_ID_REQUIRED);
        }
        return addMemberAndRebalance(request, data, group, newMemberId, future);
    }

    private CoordinatorResult<JoinGroupResponseData, GroupRecord> joinKnownMember(
            CoordinatorRequestContext request, JoinGroupRequestData data, ClassicGroup group,
            CompletableFuture<JoinGroupResponseData> future) {
        String memberId = data.memberId();
        if (group.removePending(memberId)) {
            context.timer().cancel(pendingMemberTimerKey(group.groupId(), memberId));
            return addMemberAndRebalance(request, data, group, memberId, future);
        }
        if (data.groupInstanceId() != null) {
            String current = group.staticMemberId(data.groupInstanceId());
            if (current != null && !current.equals(memberId)) {
                return error(memberId, Errors.FENCED_INSTANCE_ID);
            }
        }
        ClassicGroupMember member = group.member(memberId);
        if (member == null) {
            return error(memberId, Errors.UNKNOWN_MEMBER_ID);
        }
        List<ClassicGroupMember.Protocol> protocols = protocols(data);
        boolean sameProtocols = member.hasSameProtocols(protocols);
        return switch (group.state()) {
            case PREPARING_REBALANCE -> updateMemberAndRebalance(data, group, member, protocols, future);
            case COMPLETING_REBALANCE -> sameProtocols
                    ? CoordinatorResult.of(ClassicResponses.join(group, member, false))
                    : updateMemberAndRebalance(data, group, member, protocols, future);
            // The leader rejoining forces a rebalance: that is how it reacts to metadata changes.
            case STABLE -> sameProtocols && !group.isLeader(memberId)
                    ? CoordinatorResult.of(ClassicResponses.join(group, member, false))
                    : updateMemberAndRebalance(data, group, member, protocols, future);
            case EMPTY, DEAD -> error(memberId, Errors.UNKNOWN_MEMBER_ID);
        };
    }

    private CoordinatorResult<JoinGroupResponseData, GroupRecord> addMemberAndRebalance(
            CoordinatorRequestContext request, JoinGroupRequestData data, ClassicGroup group, String memberId,
            CompletableFuture<JoinGroupResponseData> future) {
        ClassicGroupMember member = new ClassicGroupMember(memberId, data.groupInstanceId(), request.clientId(),
                request.clientHost(), rebalanceTimeoutMs(data), data.sessionTimeoutMs(), protocols(data));
        member.awaitJoin(future);
        if (group.isInState(ClassicGroupState.PREPARING_REBALANCE)) {
            group.markNewMemberAdded();
        }
        group.add(member, data.protocolType());
        rebalance.scheduleSessionExpiry(group, member);
        return deferred(group.isInState(ClassicGroupState.PREPARING_REBALANCE)
                ? rebalance.maybeCompleteJoin(group)
                : rebalance.prepareRebalance(group, "member " + memberId + " joined"));
    }

    private CoordinatorResult<JoinGroupResponseData, GroupRecord> updateMemberAndRebalance(
            JoinGroupRequestData data, ClassicGroup group, ClassicGroupMember member,
            List<ClassicGroupMember.Protocol> protocols, CompletableFuture<JoinGroupResponseData> future) {
        member.update(rebalanceTimeoutMs(data), data.sessionTimeoutMs(), protocols);
        member.completeJoin(ClassicResponses.joinError(member.memberId(), Errors.REBALANCE_IN_PROGRESS));
        member.awaitJoin(future);
        rebalance.scheduleSessionExpiry(group, member);
        return deferred(group.isInState(ClassicGroupState.PREPARING_REBALANCE)
                ? rebalance.maybeCompleteJoin(group)
                : rebalance.prepareRebalance(group, "member " + member.memberId() + " rejoined"));
    }

    static int rebalanceTimeoutMs(JoinGroupRequestData data) {
        // v0 has no rebalance timeout: the session timeout serves as both.
        return data.rebalanceTimeoutMs() > 0 ? data.rebalanceTimeoutMs() : data.sessionTimeoutMs();
    }

    static List<ClassicGroupMember.Protocol> protocols(JoinGroupRequestData data) {
        List<ClassicGroupMember.Protocol> protocols = new ArrayList<>();
        data.protocols().forEach(p -> protocols.add(new ClassicGroupMember.Protocol(p.name(), p.metadata())));
        return protocols;
    }

    static CoordinatorResult<JoinGroupResponseData, GroupRecord> deferred(List<GroupRecord> records) {
        return CoordinatorResult.persisting(records, null, null);
    }

    private static CoordinatorResult<JoinGroupResponseData, GroupRecord> error(String memberId, Errors error) {
        return CoordinatorResult.of(ClassicResponses.joinError(memberId, error));
    }

    static String sessionKey(ClassicGroup group, String memberId) {
        return sessionTimerKey(group.groupId(), memberId);
    }

    static Errors appendError(Throwable failure) {
        return AppendErrors.toClientError(failure);
    }
}
