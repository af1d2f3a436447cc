package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.CoordinatorRequestContext;
import io.tributary.coordinator.group.GroupConfigOverrides;
import io.tributary.coordinator.group.GroupCoordinatorConfig;
import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.TopicMetadataView;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.group.records.RecordKey;
import io.tributary.coordinator.group.records.RecordValue;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;

/** The KIP-848 consumer group protocol of one shard: heartbeats, describe, topic changes and member timers. */
public final class ConsumerGroupProtocol {

    private final ConsumerGroupContext context;
    private final ConsumerMemberTimers timers;
    private final MemberRemoval removal;
    private final ConsumerHeartbeatHandler heartbeats;
    private final ConsumerLeaveHandler leaves;
    private final ConsumerGroupDescriber describer;
    private final ConsumerGroupReplayer replayer;

    public ConsumerGroupProtocol(GroupCoordinatorConfig config, TopicMetadataView topics,
                                 CoordinatorTimer<GroupRecord> timer, GroupRegistry groups,
                                 GroupConfigOverrides overrides) {
        SubscriptionResolver subscriptions = new SubscriptionResolver(topics);
        AssignorSelector assignors = new AssignorSelector(config.consumerAssignors());
        this.context = new ConsumerGroupContext(config, timer, groups, subscriptions, assignors,
                new TargetAssignmentUpdater(subscriptions, assignors), overrides);
        this.timers = new ConsumerMemberTimers(timer, groups, context::sessionTimeoutMs);
        this.removal = new MemberRemoval(context, timers);
        this.timers.setFencer(this::fence);
        this.heartbeats = new ConsumerHeartbeatHandler(context, timers);
        this.leaves = new ConsumerLeaveHandler(context, timers, removal);
        this.describer = new ConsumerGroupDescriber(groups, topics, assignors);
        this.replayer = new ConsumerGroupReplayer(groups);
    }

    /** Registers how consumer group records apply, with the shard's replayer registry. */
    public void registerReplayers(BiConsumer<Short, BiConsumer<RecordKey, RecordValue>> registry) {
        replayer.registerWith(registry);
    }

    public CoordinatorResult<ConsumerGroupHeartbeatResponseData, GroupRecord> heartbeat(
            CoordinatorRequestContext request, ConsumerGroupHeartbeatRequestData data) {
        HeartbeatValidation.validate(request.apiVersion(), data, context.assignors(), context.subscriptions());
        if (data.memberEpoch() < 0) {
            return leaves.leave(data);
        }
        return heartbeats.heartbeat(request, data);
    }

    public ConsumerGroupDescribeResponseData.DescribedGroup describe(String groupId) {
        return describer.describe(groupId);
    }

    /** Topics changed: groups whose subscribed topics changed get a new epoch and target assignment. */
    public CoordinatorResult<Void, GroupRecord> onTopicsChanged() {
        List<GroupRecord> records = new ArrayList<>();
        for (ConsumerGroup group : consumerGroups()) {
            if (!group.isEmpty()) {
                records.addAll(context.targets().update(group, group.membersById(), group.targets(), false, true)
                        .records());
            }
        }
        return CoordinatorResult.of(records, null);
    }

    /** After a load: every member must heartbeat again within its session timeout. */
    public void onLoaded() {
        for (ConsumerGroup group : consumerGroups()) {
            for (ConsumerGroupMember member : group.members()) {
                timers.scheduleSession(group.groupId(), member.memberId());
                if (member.state() == MemberState.UNREVOKED_PARTITIONS) {
                    timers.scheduleRevocation(group.groupId(), member);
                }
            }
        }
    }

    private List<GroupRecord> fence(String groupId, String memberId, String reason) {
        ConsumerGroup group = context.groups().get(groupId, ConsumerGroup.class);
        if (group == null || group.member(memberId) == null) {
            return List.of();
        }
        return removal.remove(group, memberId, reason);
    }

    private List<ConsumerGroup> consumerGroups() {
        return context.groups().all().stream().filter(ConsumerGroup.class::isInstance)
                .map(ConsumerGroup.class::cast).toList();
    }
}
