package io.tributary.coordinator.group.classic;

import io.tributary.coordinator.group.CoordinatorRequestContext;
import io.tributary.coordinator.group.GroupCoordinatorConfig;
import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorTimer;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;

/** The classic group protocol of one shard: JoinGroup, SyncGroup, Heartbeat, LeaveGroup and their timers. */
public final class ClassicGroupProtocol {

    private final ClassicGroupContext context;
    private final ClassicRebalance rebalance;
    private final JoinGroupHandler joins;
    private final SyncGroupHandler syncs;
    private final HeartbeatHandler heartbeats;
    private final LeaveGroupHandler leaves;

    public ClassicGroupProtocol(GroupCoordinatorConfig config, Time time, CoordinatorTimer<GroupRecord> timer,
                                GroupRegistry groups) {
        this.context = new ClassicGroupContext(config, time, timer, groups);
        this.rebalance = new ClassicRebalance(context);
        this.joins = new JoinGroupHandler(context, rebalance);
        this.syncs = new SyncGroupHandler(context, rebalance);
        this.heartbeats = new HeartbeatHandler(rebalance);
        this.leaves = new LeaveGroupHandler(context, rebalance);
    }

    public CoordinatorResult<JoinGroupResponseData, GroupRecord> join(
            CoordinatorRequestContext request, JoinGroupRequestData data,
            CompletableFuture<JoinGroupResponseData> future) {
        return joins.join(request, data, future);
    }

    public CoordinatorResult<SyncGroupResponseData, GroupRecord> sync(
            SyncGroupRequestData data, CompletableFuture<SyncGroupResponseData> future) {
        return syncs.sync(data, future);
    }

    public CoordinatorResult<HeartbeatResponseData, GroupRecord> heartbeat(HeartbeatRequestData data) {
        return heartbeats.heartbeat(context, data);
    }

    /** LeaveGroup in its normalized form (a members list at every version). */
    public CoordinatorResult<LeaveGroupResponseData, GroupRecord> leave(LeaveGroupRequestData data) {
        return leaves.leave(data);
    }

    /** After a load: members of loaded generations must heartbeat again within their session timeout. */
    public void onLoaded() {
        for (ClassicGroup group : context.groups().all().stream()
                .filter(ClassicGroup.class::isInstance).map(ClassicGroup.class::cast).toList()) {
            group.members().forEach(member -> rebalance.scheduleSessionExpiry(group, member));
        }
    }

    /** The partition moved away: whoever waits must look for the new coordinator. */
    public void onUnloaded() {
        for (var group : context.groups().all()) {
            if (group instanceof ClassicGroup classic) {
                for (ClassicGroupMember member : classic.members()) {
                    member.completeJoin(ClassicResponses.joinError(member.memberId(), Errors.NOT_COORDINATOR));
                    member.completeSync(ClassicResponses.syncError(Errors.NOT_COORDINATOR));
                }
            }
        }
    }
}
