package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupType;
import io.tributary.coordinator.group.consumer.records.TopicMetadata;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.group.records.OffsetCommitValue;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.StaleMemberEpochException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * A KIP-848 consumer group: its epochs, members, target assignment and subscribed topics. It changes only by
 * replaying records (see {@link ConsumerGroupReplayer}); handlers compute records from it without mutating it.
 */
public final class ConsumerGroup implements Group {

    static final String PROTOCOL_TYPE = "consumer";
    private static final short FIRST_OFFSET_COMMIT_WITH_MEMBER_EPOCH = 9;

    private final String groupId;
    private int groupEpoch;
    private int assignmentEpoch;
    private Map<String, TopicMetadata> subscribedTopics = Map.of();
    private final Map<String, ConsumerGroupMember> members = new LinkedHashMap<>();
    private final Map<String, Map<Uuid, Set<Integer>>> targets = new HashMap<>();
    private final Map<String, String> staticMemberIds = new HashMap<>();
    // Who owns each partition now (assigned or still revoking): a partition is given to its next owner only
    // once it is released.
    private final Map<Uuid, Map<Integer, String>> owners = new HashMap<>();
    private boolean dead;

    public ConsumerGroup(String groupId) {
        this.groupId = groupId;
    }

    @Override
    public String groupId() {
        return groupId;
    }

    @Override
    public GroupType type() {
        return GroupType.CONSUMER;
    }

    public int groupEpoch() {
        return groupEpoch;
    }

    public int assignmentEpoch() {
        return assignmentEpoch;
    }

    public Map<String, TopicMetadata> subscribedTopics() {
        return subscribedTopics;
    }

    public ConsumerGroupMember member(String memberId) {
        return members.get(memberId);
    }

    public Collection<ConsumerGroupMember> members() {
        return Collections.unmodifiableCollection(members.values());
    }

    public Map<String, ConsumerGroupMember> membersById() {
        return Collections.unmodifiableMap(members);
    }

    public Map<Uuid, Set<Integer>> target(String memberId) {
        return targets.getOrDefault(memberId, Map.of());
    }

    public Map<String, Map<Uuid, Set<Integer>>> targets() {
        return Collections.unmodifiableMap(targets);
    }

    /** The member id of the static member with this instance id, or null. */
    public String staticMemberId(String instanceId) {
        return instanceId == null ? null : staticMemberIds.get(instanceId);
    }

    /** The member that owns (or still revokes) the partition, or null when it is free. */
    public String ownerOf(Uuid topicId, int partition) {
        Map<Integer, String> ofTopic = owners.get(topicId);
        return ofTopic == null ? null : ofTopic.get(partition);
    }

    public ConsumerGroupState state() {
        if (dead) {
            return ConsumerGroupState.DEAD;
        }
        if (members.isEmpty()) {
            return ConsumerGroupState.EMPTY;
        }
        if (assignmentEpoch != groupEpoch) {
            return ConsumerGroupState.ASSIGNING;
        }
        for (ConsumerGroupMember member : members.values()) {
            if (member.memberEpoch() != assignmentEpoch || member.state() != MemberState.STABLE) {
                return ConsumerGroupState.RECONCILING;
            }
        }
        return ConsumerGroupState.STABLE;
    }

    // ---- changes, applied by replaying records ----

    void setEpoch(int epoch, Map<String, TopicMetadata> topics) {
        groupEpoch = epoch;
        subscribedTopics = Map.copyOf(topics);
    }

    void setAssignmentEpoch(int epoch) {
        assignmentEpoch = epoch;
    }

    void putMember(ConsumerGroupMember member) {
        ConsumerGroupMember previous = members.put(member.memberId(), member);
        if (previous != null) {
            release(previous);
            if (previous.instanceId() != null) {
                staticMemberIds.remove(previous.instanceId(), previous.memberId());
            }
        }
        if (member.instanceId() != null) {
            staticMemberIds.put(member.instanceId(), member.memberId());
        }
        own(member);
    }

    void removeMember(String memberId) {
        ConsumerGroupMember removed = members.remove(memberId);
        if (removed != null) {
            release(removed);
            if (removed.instanceId() != null) {
                staticMemberIds.remove(removed.instanceId(), memberId);
            }
        }
    }

    void setTarget(String memberId, Map<Uuid, Set<Integer>> partitions) {
        if (partitions == null) {
            targets.remove(memberId);
        } else {
            targets.put(memberId, Assignments.normalize(partitions));
        }
    }

    private void own(ConsumerGroupMember member) {
        forEachPartition(member, (topic, partition) ->
                owners.computeIfAbsent(topic, t -> new HashMap<>()).put(partition, member.memberId()));
    }

    private void release(ConsumerGroupMember member) {
        forEachPartition(member, (topic, partition) -> {
            Map<Integer, String> ofTopic = owners.get(topic);
            if (ofTopic != null && ofTopic.remove(partition, member.memberId()) && ofTopic.isEmpty()) {
                owners.remove(topic);
            }
        });
    }

    private static void forEachPartition(ConsumerGroupMember member, PartitionAction action) {
        member.assigned().forEach((topic, partitions) -> partitions.forEach(p -> action.accept(topic, p)));
        member.pendingRevocation().forEach((topic, partitions) -> partitions.forEach(p -> action.accept(topic, p)));
    }

    private interface PartitionAction {
        void accept(Uuid topic, int partition);
    }

    // ---- Group ----

    @Override
    public String stateName() {
        return state().displayName();
    }

    @Override
    public String protocolType() {
        return PROTOCOL_TYPE;
    }

    @Override
    public boolean isEmpty() {
        return members.isEmpty();
    }

    @Override
    public void validateOffsetCommit(String memberId, String groupInstanceId, int memberEpoch) {
        // Epoch -1 without a member: the admin client, allowed while nobody consumes.
        if (memberEpoch < 0 && members.isEmpty()) {
            return;
        }
        validateMemberEpoch(memberId, memberEpoch);
    }

    /**
     * OffsetCommit before v9 carries no member epoch: Kafka refuses it to a member of this protocol (a member that
     * exists; an unknown one is told so first).
     */
    @Override
    public void validateOffsetCommit(String memberId, String groupInstanceId, int memberEpoch,
                                     short offsetCommitVersion) {
        if (memberEpoch < 0 && members.isEmpty()) {
            return;
        }
        if (offsetCommitVersion < FIRST_OFFSET_COMMIT_WITH_MEMBER_EPOCH) {
            knownMember(memberId);
            throw new UnsupportedVersionException("OffsetCommit version " + FIRST_OFFSET_COMMIT_WITH_MEMBER_EPOCH
                    + " or above must be used by members using the consumer group protocol");
        }
        validateMemberEpoch(memberId, memberEpoch);
    }

    @Override
    public void validateOffsetFetch(String memberId, int memberEpoch) {
        if (memberEpoch < 0 && (memberId == null || memberId.isEmpty())) {
            return; // not from a member: the admin client, or a consumer fetching without group management
        }
        validateMemberEpoch(memberId, memberEpoch);
    }

    private void validateMemberEpoch(String memberId, int memberEpoch) {
        ConsumerGroupMember member = knownMember(memberId);
        if (memberEpoch != member.memberEpoch()) {
            throw new StaleMemberEpochException("Member epoch " + memberEpoch + " is not the current one ("
                    + member.memberEpoch() + ")");
        }
    }

    private ConsumerGroupMember knownMember(String memberId) {
        ConsumerGroupMember member = memberId == null ? null : members.get(memberId);
        if (member == null) {
            throw new UnknownMemberIdException("Member " + memberId + " is not in group " + groupId);
        }
        return member;
    }

    @Override
    public void validateOffsetDelete() {
        if (dead) {
            throw new GroupIdNotFoundException("Group " + groupId + " not found");
        }
    }

    @Override
    public void validateDeleteGroup() {
        if (dead) {
            throw new GroupIdNotFoundException("Group " + groupId + " not found");
        }
        if (!members.isEmpty()) {
            throw new GroupNotEmptyException("Group " + groupId + " has members");
        }
    }

    @Override
    public boolean isSubscribedTo(String topic) {
        // The subscribed topics are those of the live members (names and resolved regexes).
        return !members.isEmpty() && subscribedTopics.containsKey(topic);
    }

    @Override
    public Optional<ToLongFunction<OffsetCommitValue>> offsetExpirationBase() {
        return Optional.of(OffsetCommitValue::commitTimestamp);
    }

    /** DescribeGroups is for classic groups: Kafka answers for a consumer group as for an unknown one. */
    @Override
    public DescribeGroupsResponseData.DescribedGroup describe() {
        return new DescribeGroupsResponseData.DescribedGroup().setGroupId(groupId)
                .setErrorCode(Errors.GROUP_ID_NOT_FOUND.code())
                .setErrorMessage("Group " + groupId + " is not a classic group.")
                .setGroupState(ConsumerGroupState.DEAD.displayName()).setProtocolType("").setProtocolData("");
    }

    @Override
    public List<GroupRecord> deletionRecords() {
        return ConsumerGroupRecords.deletion(this);
    }

    @Override
    public void markDead() {
        dead = true;
    }
}
