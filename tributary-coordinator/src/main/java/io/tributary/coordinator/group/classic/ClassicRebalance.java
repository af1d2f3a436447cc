package io.tributary.coordinator.group.classic;

import static io.tributary.coordinator.group.classic.ClassicGroupContext.joinTimerKey;
import static io.tributary.coordinator.group.classic.ClassicGroupContext.pendingMemberTimerKey;
import static io.tributary.coordinator.group.classic.ClassicGroupContext.sessionTimerKey;

import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rebalance cycle of classic groups: preparing (with the initial delay for new groups), completing the
 * join phase, and the timers that remove members (session expiry, rebalance timeout, pending member ids).
 * Methods return the records to persist (a group that ends up empty is written so a reload sees it so).
 */
final class ClassicRebalance {

    private static final Logger LOG = LoggerFactory.getLogger(ClassicRebalance.class);

    private final ClassicGroupContext context;

    ClassicRebalance(ClassicGroupContext context) {
        this.context = context;
    }

    List<GroupRecord> prepareRebalance(ClassicGroup group, String reason) {
        if (group.isInState(ClassicGroupState.COMPLETING_REBALANCE)) {
            failPendingSyncs(group, Errors.REBALANCE_IN_PROGRESS);
        }
        boolean initialRebalance = group.isInState(ClassicGroupState.EMPTY)
                && context.config().initialRebalanceDelayMs() > 0;
        group.transitionTo(ClassicGroupState.PREPARING_REBALANCE, context.now());
        LOG.info("Preparing to rebalance group {} in generation {}: {}", group.groupId(), group.generationId(),
                reason);
        if (initialRebalance) {
            group.takeNewMemberAdded();
            int initialDelay = context.config().initialRebalanceDelayMs();
            int rebalanceTimeout = group.rebalanceTimeoutMs();
            scheduleInitialDelay(group, Math.min(initialDelay, rebalanceTimeout),
                    Math.max(rebalanceTimeout - initialDelay, 0));
            return List.of();
        }
        return maybeCompleteJoinElseSchedule(group);
    }

    List<GroupRecord> maybeCompleteJoin(ClassicGroup group) {
        if (group.isInState(ClassicGroupState.PREPARING_REBALANCE) && group.hasAllMembersJoined()
                && !context.timer().isScheduled(initialDelayKey(group))) {
            return completeJoin(group);
        }
        return List.of();
    }

    /** Removes a member (left, expired or fenced) and moves the group on. */
    List<GroupRecord> removeMemberAndUpdate(ClassicGroup group, String memberId, String reason) {
        ClassicGroupMember member = group.member(memberId);
        if (member == null) {
            return List.of();
        }
        member.completeJoin(ClassicResponses.joinError(memberId, Errors.UNKNOWN_MEMBER_ID));
        member.completeSync(ClassicResponses.syncError(Errors.UNKNOWN_MEMBER_ID));
        context.timer().cancel(sessionTimerKey(group.groupId(), memberId));
        group.remove(memberId);
        return switch (group.state()) {
            case STABLE, COMPLETING_REBALANCE -> prepareRebalance(group, reason);
            case PREPARING_REBALANCE -> maybeCompleteJoin(group);
            default -> List.of();
        };
    }

    /** (Re)starts a member's session: it is removed unless it heartbeats within its session timeout. */
    void scheduleSessionExpiry(ClassicGroup group, ClassicGroupMember member) {
        String groupId = group.groupId();
        String memberId = member.memberId();
        context.timer().schedule(sessionTimerKey(groupId, memberId), member.sessionTimeoutMs(),
                () -> onSessionExpired(groupId, memberId));
    }

    /** A member id handed out with MEMBER_ID_REQUIRED stays reserved for one session timeout. */
    void schedulePendingMemberExpiry(ClassicGroup group, String memberId, int sessionTimeoutMs) {
        String groupId = group.groupId();
        context.timer().schedule(pendingMemberTimerKey(groupId, memberId), sessionTimeoutMs, () -> {
            ClassicGroup current = context.groups().get(groupId, ClassicGroup.class);
            if (current == null || !current.removePending(memberId)) {
                return CoordinatorResult.of(null);
            }
            return CoordinatorResult.persisting(maybeCompleteJoin(current), null, null);
        });
    }

    void failPendingSyncs(ClassicGroup group, Errors error) {
        for (ClassicGroupMember member : group.members()) {
            member.setAssignment(null);
            member.completeSync(ClassicResponses.syncError(error));
        }
    }

    private CoordinatorResult<Void, GroupRecord> onSessionExpired(String groupId, String memberId) {
        ClassicGroup group = context.groups().get(groupId, ClassicGroup.class);
        ClassicGroupMember member = group == null ? null : group.member(memberId);
        if (member == null) {
            return CoordinatorResult.of(null);
        }
        if (member.isAwaitingJoin() || member.isAwaitingSync()) {
            // A member waiting for the rebalance is alive; the rebalance timeout bounds that wait.
            scheduleSessionExpiry(group, member);
            return CoordinatorResult.of(null);
        }
        LOG.info("Member {} of group {} failed to heartbeat within its session timeout", memberId, groupId);
        return CoordinatorResult.persisting(
                removeMemberAndUpdate(group, memberId, "member " + memberId + " session expired"), null, null);
    }

    private List<GroupRecord> maybeCompleteJoinElseSchedule(ClassicGroup group) {
        if (group.hasAllMembersJoined()) {
            return completeJoin(group);
        }
        String groupId = group.groupId();
        context.timer().schedule(joinTimerKey(groupId), group.rebalanceTimeoutMs(), () -> onJoinTimeout(groupId));
        return List.of();
    }

    private void scheduleInitialDelay(ClassicGroup group, long delayMs, long remainingMs) {
        String groupId = group.groupId();
        context.timer().schedule(initialDelayKey(group), delayMs, () -> {
            ClassicGroup current = context.groups().get(groupId, ClassicGroup.class);
            if (current == null) {
                return CoordinatorResult.of(null);
            }
            if (current.takeNewMemberAdded() && remainingMs > 0) {
                // Members are still arriving: wait a bit more, never past the rebalance timeout.
                int initialDelay = context.config().initialRebalanceDelayMs();
                scheduleInitialDelay(current, Math.min(initialDelay, remainingMs),
                        Math.max(remainingMs - initialDelay, 0));
                return CoordinatorResult.of(null);
            }
            return CoordinatorResult.persisting(completeJoin(current), null, null);
        });
    }

    private CoordinatorResult<Void, GroupRecord> onJoinTimeout(String groupId) {
        ClassicGroup group = context.groups().get(groupId, ClassicGroup.class);
        if (group == null) {
            return CoordinatorResult.of(null);
        }
        return CoordinatorResult.persisting(completeJoin(group), null, null);
    }

    private List<GroupRecord> completeJoin(ClassicGroup group) {
        if (!group.isInState(ClassicGroupState.PREPARING_REBALANCE)) {
            return List.of();
        }
        context.timer().cancel(joinTimerKey(group.groupId()));
        context.timer().cancel(initialDelayKey(group));
        for (ClassicGroupMember member : new ArrayList<>(group.members())) {
            if (!member.isAwaitingJoin()) {
                LOG.info("Removing member {} of group {}: it did not rejoin in time", member.memberId(),
                        group.groupId());
                context.timer().cancel(sessionTimerKey(group.groupId(), member.memberId()));
                group.remove(member.memberId());
            }
        }
        group.initNextGeneration(context.now());
        if (group.isInState(ClassicGroupState.EMPTY)) {
            LOG.info("Group {} is empty in generation {}", group.groupId(), group.generationId());
            return List.of(ClassicGroupRecords.metadata(group));
        }
        LOG.info("Group {} starts generation {} with {} members (protocol {})", group.groupId(),
                group.generationId(), group.size(), group.protocolName());
        for (ClassicGroupMember member : group.members()) {
            member.completeJoin(ClassicResponses.join(group, member, false));
            scheduleSessionExpiry(group, member);
        }
        return List.of();
    }

    private static String initialDelayKey(ClassicGroup group) {
        return "initial-delay-" + group.groupId();
    }
}
