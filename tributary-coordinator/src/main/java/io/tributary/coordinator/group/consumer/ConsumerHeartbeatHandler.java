package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.CoordinatorRequestContext;
import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.runtime.CoordinatorResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.FencedMemberEpochException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupMaxSizeReachedException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;

/**
 * ConsumerGroupHeartbeat of a joining or active member: applies its subscription, bumps the group epoch and
 * recomputes the target assignment when needed, then reconciles the member one step towards its target.
 */
final class ConsumerHeartbeatHandler {

    /** Where the member starts from: itself as stored, reset on a rejoin, or a static predecessor's place. */
    private record Starting(ConsumerGroupMember stored, ConsumerGroupMember base, String replacedMemberId) {
    }

    private final ConsumerGroupContext context;
    private final ConsumerMemberTimers timers;

    ConsumerHeartbeatHandler(ConsumerGroupContext context, ConsumerMemberTimers timers) {
        this.context = context;
        this.timers = timers;
    }

    CoordinatorResult<ConsumerGroupHeartbeatResponseData, GroupRecord> heartbeat(
            CoordinatorRequestContext request, ConsumerGroupHeartbeatRequestData data) {
        boolean joining = data.memberEpoch() == 0;
        String memberId = data.memberId().isEmpty() ? Uuid.randomUuid().toString() : data.memberId();
        List<GroupRecord> records = new ArrayList<>();
        ConsumerGroup group = groupFor(data.groupId(), joining, records);
        String groupId = group.groupId();
        Starting starting = joining ? join(group, memberId, data, records) : active(group, memberId, data);

        ConsumerGroupMember updated = applySubscription(starting.base(), request, data);
        Map<String, ConsumerGroupMember> members = new LinkedHashMap<>(group.membersById());
        Map<String, Map<Uuid, Set<Integer>>> targets = new LinkedHashMap<>(group.targets());
        if (starting.replacedMemberId() != null) {
            members.remove(starting.replacedMemberId());
            Map<Uuid, Set<Integer>> inherited = targets.remove(starting.replacedMemberId());
            targets.put(memberId, inherited == null ? Map.of() : inherited);
            records.add(ConsumerGroupRecords.target(groupId, memberId, targets.get(memberId)));
        }
        members.put(memberId, updated);
        if (starting.stored() == null || !updated.metadataValue().equals(starting.stored().metadataValue())) {
            records.add(ConsumerGroupRecords.memberMetadata(groupId, updated));
        }
        boolean newMember = starting.stored() == null && starting.replacedMemberId() == null;
        boolean membershipChanged = newMember || !updated.hasSameSubscription(starting.base());
        TargetAssignmentUpdater.Update update = context.targets().update(group, members, targets,
                membershipChanged, false);
        records.addAll(update.records());

        String replaced = starting.replacedMemberId();
        ConsumerGroupMember reconciled = MemberReconciler.reconcile(updated, update.assignmentEpoch(),
                update.targets().getOrDefault(memberId, Map.of()), ownedPartitions(data), group::ownerOf,
                owner -> owner.equals(memberId) || owner.equals(replaced));
        ConsumerGroupMember stored = starting.stored();
        if (stored == null || !reconciled.hasSameAssignment(stored)) {
            records.add(ConsumerGroupRecords.currentAssignment(groupId, reconciled));
        }
        updateTimers(groupId, stored, reconciled);

        boolean fullRequest = joining || (data.rebalanceTimeoutMs() != -1 && data.topicPartitions() != null
                && (data.subscribedTopicNames() != null || data.subscribedTopicRegex() != null));
        boolean assignmentChanged = stored == null || !reconciled.assigned().equals(stored.assigned());
        return CoordinatorResult.of(records, ConsumerResponses.heartbeat(reconciled,
                context.heartbeatIntervalMs(groupId), fullRequest || assignmentChanged));
    }

    /** The consumer group; a new one for a first join, converting an empty classic group. */
    private ConsumerGroup groupFor(String groupId, boolean joining, List<GroupRecord> records) {
        Group group = context.groups().get(groupId);
        if (group instanceof ConsumerGroup consumer) {
            return consumer;
        }
        if (group == null) {
            if (!joining) {
                throw new UnknownMemberIdException("Consumer group " + groupId + " not found.");
            }
            return new ConsumerGroup(groupId);
        }
        if (joining && group.isEmpty() && "Empty".equals(group.stateName())) {
            records.addAll(group.deletionRecords()); // its committed offsets stay with the group id
            return new ConsumerGroup(groupId);
        }
        throw new GroupIdNotFoundException("Group " + groupId + " is not a consumer group.");
    }

    private Starting join(ConsumerGroup group, String memberId, ConsumerGroupHeartbeatRequestData data,
                          List<GroupRecord> records) {
        String staticMemberId = group.staticMemberId(data.instanceId());
        if (staticMemberId != null && !staticMemberId.equals(memberId)) {
            ConsumerGroupMember previous = group.member(staticMemberId);
            if (previous.memberEpoch() != ConsumerGroupMember.STATIC_LEAVE_EPOCH) {
                throw new UnreleasedInstanceIdException("Static member " + data.instanceId()
                        + " has not left the group yet");
            }
            // A restarted static member takes its predecessor's place and partitions without a rebalance.
            timers.cancel(group.groupId(), staticMemberId);
            records.addAll(ConsumerGroupRecords.memberRemoval(group.groupId(), staticMemberId));
            ConsumerGroupMember base = previous.withMemberId(memberId)
                    .withAssignment(0, -1, MemberState.STABLE, previous.assigned(), Map.of());
            return new Starting(null, base, staticMemberId);
        }
        ConsumerGroupMember stored = group.member(memberId);
        if (stored == null) {
            if (group.members().size() >= context.config().consumerMaxSize()) {
                throw new GroupMaxSizeReachedException("Consumer group " + group.groupId() + " is full");
            }
            return new Starting(null, ConsumerGroupMember.joining(memberId), null);
        }
        // A known member joining again (e.g. after being fenced) starts over, owning nothing.
        return new Starting(stored, stored.withAssignment(0, -1, MemberState.STABLE, Map.of(), Map.of()), null);
    }

    private Starting active(ConsumerGroup group, String memberId, ConsumerGroupHeartbeatRequestData data) {
        ConsumerGroupMember member = group.member(memberId);
        if (member == null) {
            throw new UnknownMemberIdException("Member " + memberId + " is not in group " + group.groupId());
        }
        if (data.instanceId() != null && !memberId.equals(group.staticMemberId(data.instanceId()))) {
            throw new FencedInstanceIdException("Static member " + data.instanceId() + " has another member id");
        }
        int epoch = data.memberEpoch();
        Map<Uuid, Set<Integer>> owned = ownedPartitions(data);
        // One epoch behind is fine if the bump's answer was lost: the member then owns no more than it may.
        boolean lostBump = epoch == member.previousMemberEpoch() && owned != null
                && Assignments.isSubset(owned, member.assigned());
        if (epoch > member.memberEpoch() || (epoch < member.memberEpoch() && !lostBump)) {
            throw new FencedMemberEpochException("Member epoch " + epoch + " is not the current one ("
                    + member.memberEpoch() + ")");
        }
        return new Starting(member, member, null);
    }

    private static ConsumerGroupMember applySubscription(ConsumerGroupMember base, CoordinatorRequestContext request,
                                                         ConsumerGroupHeartbeatRequestData data) {
        String regex = data.subscribedTopicRegex() == null ? base.subscribedTopicRegex()
                : (data.subscribedTopicRegex().isEmpty() ? null : data.subscribedTopicRegex());
        return new ConsumerGroupMember(base.memberId(),
                data.instanceId() != null ? data.instanceId() : base.instanceId(),
                data.rackId() != null ? data.rackId() : base.rackId(),
                request.clientId() == null ? "" : request.clientId(), request.clientHost(),
                data.rebalanceTimeoutMs() != -1 ? data.rebalanceTimeoutMs() : base.rebalanceTimeoutMs(),
                data.subscribedTopicNames() != null ? data.subscribedTopicNames() : base.subscribedTopicNames(),
                regex, data.serverAssignor() != null ? data.serverAssignor() : base.serverAssignor(),
                base.memberEpoch(), base.previousMemberEpoch(), base.state(), base.assigned(),
                base.pendingRevocation());
    }

    private void updateTimers(String groupId, ConsumerGroupMember stored, ConsumerGroupMember reconciled) {
        timers.scheduleSession(groupId, reconciled.memberId());
        if (reconciled.state() != MemberState.UNREVOKED_PARTITIONS) {
            timers.cancelRevocation(groupId, reconciled.memberId());
        } else if (stored == null || stored.state() != MemberState.UNREVOKED_PARTITIONS
                || stored.memberEpoch() != reconciled.memberEpoch()) {
            timers.scheduleRevocation(groupId, reconciled);
        }
    }

    private static Map<Uuid, Set<Integer>> ownedPartitions(ConsumerGroupHeartbeatRequestData data) {
        return Assignments.fromList(data.topicPartitions(), ConsumerGroupHeartbeatRequestData.TopicPartitions::topicId,
                ConsumerGroupHeartbeatRequestData.TopicPartitions::partitions);
    }
}
