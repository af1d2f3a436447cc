package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.consumer.records.ConsumerCurrentAssignmentRecord;
import io.tributary.coordinator.group.consumer.records.ConsumerMemberMetadataRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/**
 * A member of a consumer group, immutable: what it subscribes to (persisted as its metadata record) and where it
 * is in its reconciliation (persisted as its current assignment record).
 *
 * @param subscribedTopicNames never null (empty when it subscribes by regex only)
 * @param subscribedTopicRegex null when it subscribes by names
 * @param serverAssignor       null when it leaves the choice to the broker
 */
public record ConsumerGroupMember(String memberId, String instanceId, String rackId, String clientId,
                                  String clientHost, int rebalanceTimeoutMs, List<String> subscribedTopicNames,
                                  String subscribedTopicRegex, String serverAssignor, int memberEpoch,
                                  int previousMemberEpoch, MemberState state, Map<Uuid, Set<Integer>> assigned,
                                  Map<Uuid, Set<Integer>> pendingRevocation) {

    /** The epoch of a static member that left temporarily (it keeps its partitions for a session timeout). */
    public static final int STATIC_LEAVE_EPOCH = -2;

    public ConsumerGroupMember {
        subscribedTopicNames = subscribedTopicNames == null ? List.of() : List.copyOf(subscribedTopicNames);
        assigned = Assignments.normalize(assigned);
        pendingRevocation = Assignments.normalize(pendingRevocation);
    }

    /** A member that just joined: epoch 0, owning nothing. */
    static ConsumerGroupMember joining(String memberId) {
        return new ConsumerGroupMember(memberId, null, null, "", "", -1, List.of(), null, null, 0, -1,
                MemberState.STABLE, Map.of(), Map.of());
    }

    ConsumerGroupMember withMetadata(ConsumerMemberMetadataRecord.Value value) {
        return new ConsumerGroupMember(memberId, value.instanceId(), value.rackId(), value.clientId(),
                value.clientHost(), value.rebalanceTimeoutMs(), value.subscribedTopicNames(),
                value.subscribedTopicRegex(), value.serverAssignor(), memberEpoch, previousMemberEpoch, state,
                assigned, pendingRevocation);
    }

    ConsumerGroupMember withAssignment(ConsumerCurrentAssignmentRecord.Value value) {
        return withAssignment(value.memberEpoch(), value.previousMemberEpoch(), MemberState.fromId(value.state()),
                value.assigned(), value.pendingRevocation());
    }

    ConsumerGroupMember withAssignment(int epoch, int previousEpoch, MemberState newState,
                                       Map<Uuid, Set<Integer>> newAssigned, Map<Uuid, Set<Integer>> newPending) {
        return new ConsumerGroupMember(memberId, instanceId, rackId, clientId, clientHost, rebalanceTimeoutMs,
                subscribedTopicNames, subscribedTopicRegex, serverAssignor, epoch, previousEpoch, newState,
                newAssigned, newPending);
    }

    /** The same member under another id (a static member replacing its previous incarnation). */
    ConsumerGroupMember withMemberId(String newMemberId) {
        return new ConsumerGroupMember(newMemberId, instanceId, rackId, clientId, clientHost, rebalanceTimeoutMs,
                subscribedTopicNames, subscribedTopicRegex, serverAssignor, memberEpoch, previousMemberEpoch, state,
                assigned, pendingRevocation);
    }

    /** Whether the group must compute a new target assignment because this member's subscription changed. */
    boolean hasSameSubscription(ConsumerGroupMember other) {
        return subscribedTopicNames.equals(other.subscribedTopicNames)
                && Objects.equals(subscribedTopicRegex, other.subscribedTopicRegex)
                && Objects.equals(serverAssignor, other.serverAssignor);
    }

    boolean hasSameAssignment(ConsumerGroupMember other) {
        return memberEpoch == other.memberEpoch && previousMemberEpoch == other.previousMemberEpoch
                && state == other.state && assigned.equals(other.assigned)
                && pendingRevocation.equals(other.pendingRevocation);
    }

    ConsumerMemberMetadataRecord.Value metadataValue() {
        return new ConsumerMemberMetadataRecord.Value(instanceId, rackId, clientId, clientHost, rebalanceTimeoutMs,
                subscribedTopicNames, subscribedTopicRegex, serverAssignor);
    }

    ConsumerCurrentAssignmentRecord.Value assignmentValue() {
        return new ConsumerCurrentAssignmentRecord.Value(memberEpoch, previousMemberEpoch, state.id(), assigned,
                pendingRevocation);
    }
}
