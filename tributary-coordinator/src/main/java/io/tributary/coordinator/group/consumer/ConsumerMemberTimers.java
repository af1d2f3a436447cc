package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorTimer;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The two deadlines of a member: its session (it must heartbeat within its group's consumer.session.timeout.ms) and
 * its revocation (it must give up partitions within its rebalance timeout). Missing either fences it.
 */
final class ConsumerMemberTimers {

    /** Fences a member: the records that remove it, or none if it is already gone. */
    @FunctionalInterface
    interface Fencer {
        List<GroupRecord> fence(String groupId, String memberId, String reason);
    }

    private final CoordinatorTimer<GroupRecord> timer;
    private final GroupRegistry groups;
    private final ToIntFunction<String> sessionTimeoutMs;
    private Fencer fencer;

    ConsumerMemberTimers(CoordinatorTimer<GroupRecord> timer, GroupRegistry groups,
                         ToIntFunction<String> sessionTimeoutMs) {
        this.timer = timer;
        this.groups = groups;
        this.sessionTimeoutMs = sessionTimeoutMs;
    }

    void setFencer(Fencer fencer) {
        this.fencer = fencer;
    }

    void scheduleSession(String groupId, String memberId) {
        timer.schedule(sessionKey(groupId, memberId), sessionTimeoutMs.applyAsInt(groupId), () -> CoordinatorResult.of(
                fencer.fence(groupId, memberId, "its session timed out"), null));
    }

    /** Started when the member is asked to revoke at {@code memberEpoch}; moot once it moves on. */
    void scheduleRevocation(String groupId, ConsumerGroupMember member) {
        String memberId = member.memberId();
        int epoch = member.memberEpoch();
        timer.schedule(revocationKey(groupId, memberId), member.rebalanceTimeoutMs(), () -> {
            ConsumerGroup group = groups.get(groupId, ConsumerGroup.class);
            ConsumerGroupMember current = group == null ? null : group.member(memberId);
            if (current == null || current.memberEpoch() != epoch
                    || current.state() != MemberState.UNREVOKED_PARTITIONS) {
                return CoordinatorResult.of(null);
            }
            return CoordinatorResult.of(fencer.fence(groupId, memberId,
                    "it did not revoke its partitions within its rebalance timeout"), null);
        });
    }

    void cancelRevocation(String groupId, String memberId) {
        timer.cancel(revocationKey(groupId, memberId));
    }

    void cancel(String groupId, String memberId) {
        timer.cancel(sessionKey(groupId, memberId));
        timer.cancel(revocationKey(groupId, memberId));
    }

    private static String sessionKey(String groupId, String memberId) {
        return "consumer-session-" + groupId + "-" + memberId;
    }

    private static String revocationKey(String groupId, String memberId) {
        return "consumer-revocation-" + groupId + "-" + memberId;
    }
}
