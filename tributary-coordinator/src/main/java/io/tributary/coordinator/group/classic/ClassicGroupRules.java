package io.tributary.coordinator.group.classic;

import io.tributary.coordinator.group.records.OffsetCommitValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.errors.CoordinatorNotAvailableException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.protocol.Errors;

/** What a classic group allows for offsets and admin operations, and how it describes itself. */
final class ClassicGroupRules {

    static final String CONSUMER_PROTOCOL_TYPE = "consumer";

    private ClassicGroupRules() {
    }

    static void validateOffsetCommit(ClassicGroup group, String memberId, String groupInstanceId, int generationId) {
        if (group.isInState(ClassicGroupState.DEAD)) {
            throw new CoordinatorNotAvailableException("Group " + group.groupId() + " is being deleted");
        }
        // Generation -1: the admin client or a consumer without group management, allowed on an empty group.
        if (generationId < 0 && group.isInState(ClassicGroupState.EMPTY)) {
            return;
        }
        boolean fromMember = generationId >= 0 || (memberId != null && !memberId.isEmpty()) || groupInstanceId != null;
        if (fromMember) {
            validateMember(group, memberId, groupInstanceId);
            if (generationId != group.generationId()) {
                throw new IllegalGenerationException("Generation " + generationId + " is not current");
            }
        } else {
            throw new UnknownMemberIdException("Simple commits need an empty group");
        }
        if (group.isInState(ClassicGroupState.COMPLETING_REBALANCE)) {
            // The member knows the new generation but has not synced yet: let it finish the rebalance.
            throw new RebalanceInProgressException("The group is completing a rebalance");
        }
    }

    static void validateMember(ClassicGroup group, String memberId, String groupInstanceId) {
        if (groupInstanceId != null) {
            String current = group.staticMemberId(groupInstanceId);
            if (current == null) {
                throw new UnknownMemberIdException("Unknown static member " + groupInstanceId);
            }
            if (!current.equals(memberId)) {
                throw new FencedInstanceIdException("Static member " + groupInstanceId + " has a newer member id");
            }
        } else if (memberId == null || !group.hasMember(memberId)) {
            throw new UnknownMemberIdException("Unknown member " + memberId);
        }
    }

    static void validateOffsetDelete(ClassicGroup group) {
        if (group.isInState(ClassicGroupState.DEAD)) {
            throw new GroupIdNotFoundException("Group " + group.groupId() + " not found");
        }
        if (!group.isInState(ClassicGroupState.EMPTY)
                && !CONSUMER_PROTOCOL_TYPE.equals(group.protocolTypeOrNull())) {
            throw new GroupNotEmptyException("Group " + group.groupId() + " has members");
        }
    }

    static void validateDeleteGroup(ClassicGroup group) {
        if (group.isInState(ClassicGroupState.DEAD)) {
            throw new GroupIdNotFoundException("Group " + group.groupId() + " not found");
        }
        if (!group.isInState(ClassicGroupState.EMPTY)) {
            throw new GroupNotEmptyException("Group " + group.groupId() + " has members");
        }
    }

    /** From the members' consumer-protocol subscriptions; undecodable ones count as subscribed to all. */
    static boolean isSubscribedTo(ClassicGroup group, String topic) {
        if (group.isEmpty() || group.protocolName() == null) {
            return false;
        }
        if (!CONSUMER_PROTOCOL_TYPE.equals(group.protocolTypeOrNull())) {
            return true;
        }
        for (ClassicGroupMember member : group.members()) {
            try {
                var subscription = ConsumerProtocol.deserializeSubscription(
                        ByteBuffer.wrap(member.metadata(group.protocolName())));
                if (subscription.topics().contains(topic)) {
                    return true;
                }
            } catch (RuntimeException e) {
                return true;
            }
        }
        return false;
    }

    static Optional<ToLongFunction<OffsetCommitValue>> offsetExpirationBase(ClassicGroup group) {
        String protocolType = group.protocolTypeOrNull();
        if (protocolType == null || protocolType.isEmpty()) {
            return Optional.of(OffsetCommitValue::commitTimestamp); // a simple group: from each commit
        }
        if (group.isInState(ClassicGroupState.EMPTY)) {
            long emptySince = group.currentStateTimestamp();
            return Optional.of(offset -> emptySince);
        }
        if (CONSUMER_PROTOCOL_TYPE.equals(protocolType) && group.isInState(ClassicGroupState.STABLE)) {
            return Optional.of(OffsetCommitValue::commitTimestamp); // for topics no member consumes
        }
        return Optional.empty();
    }

    static DescribeGroupsResponseData.DescribedGroup describe(ClassicGroup group) {
        boolean stable = group.isInState(ClassicGroupState.STABLE);
        List<DescribeGroupsResponseData.DescribedGroupMember> members = new ArrayList<>();
        for (ClassicGroupMember member : group.members()) {
            members.add(new DescribeGroupsResponseData.DescribedGroupMember()
                    .setMemberId(member.memberId())
                    .setGroupInstanceId(member.groupInstanceId())
                    .setClientId(member.clientId())
                    .setClientHost(member.clientHost())
                    .setMemberMetadata(stable ? member.metadata(group.protocolName()) : new byte[0])
                    .setMemberAssignment(stable ? member.assignment() : new byte[0]));
        }
        return new DescribeGroupsResponseData.DescribedGroup()
                .setErrorCode(Errors.NONE.code())
                .setGroupId(group.groupId())
                .setGroupState(group.stateName())
                .setProtocolType(group.protocolType())
                .setProtocolData(stable ? group.protocolName() : "")
                .setMembers(members);
    }
}
