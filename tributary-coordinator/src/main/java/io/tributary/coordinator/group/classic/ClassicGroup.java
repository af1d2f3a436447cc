package io.tributary.coordinator.group.classic;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupType;
import io.tributary.coordinator.group.records.GroupMetadataKey;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.group.records.OffsetCommitValue;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.message.DescribeGroupsResponseData;

/**
 * A classic-protocol group: members, generation, selected protocol and leader. Transitions are driven by the
 * handlers of this package; this class keeps the bookkeeping consistent.
 */
public final class ClassicGroup implements Group {

    private final String groupId;
    private ClassicGroupState state = ClassicGroupState.EMPTY;
    private long currentStateTimestamp;
    private int generationId;
    private String protocolType;
    private String protocolName;
    private String leaderId;
    private final Map<String, ClassicGroupMember> members = new LinkedHashMap<>();
    private final Map<String, String> staticMemberIds = new HashMap<>();
    private final Set<String> pendingMemberIds = new HashSet<>();
    private boolean newMemberAdded;

    public ClassicGroup(String groupId, long now) {
        this.groupId = groupId;
        this.currentStateTimestamp = now;
    }

    @Override
    public String groupId() {
        return groupId;
    }

    @Override
    public GroupType type() {
        return GroupType.CLASSIC;
    }

    public ClassicGroupState state() {
        return state;
    }

    public boolean isInState(ClassicGroupState candidate) {
        return state == candidate;
    }

    void transitionTo(ClassicGroupState next, long now) {
        state = next;
        currentStateTimestamp = now;
    }

    public long currentStateTimestamp() {
        return currentStateTimestamp;
    }

    public int generationId() {
        return generationId;
    }

    /** Null for a group that never had members (it only committed offsets). */
    public String protocolTypeOrNull() {
        return protocolType;
    }

    public String protocolName() {
        return protocolName;
    }

    public String leaderId() {
        return leaderId;
    }

    public boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    public ClassicGroupMember member(String memberId) {
        return members.get(memberId);
    }

    public boolean hasMember(String memberId) {
        return members.containsKey(memberId);
    }

    public Collection<ClassicGroupMember> members() {
        return members.values();
    }

    public int size() {
        return members.size();
    }

    /** The member id a static member currently has, or null. */
    public String staticMemberId(String groupInstanceId) {
        return groupInstanceId == null ? null : staticMemberIds.get(groupInstanceId);
    }

    boolean isPending(String memberId) {
        return pendingMemberIds.contains(memberId);
    }

    void addPending(String memberId) {
        pendingMemberIds.add(memberId);
    }

    boolean removePending(String memberId) {
        return pendingMemberIds.remove(memberId);
    }

    int pendingCount() {
        return pendingMemberIds.size();
    }

    void add(ClassicGroupMember member, String memberProtocolType) {
        if (members.isEmpty()) {
            protocolType = memberProtocolType;
        }
        members.put(member.memberId(), member);
        if (member.isStatic()) {
            staticMemberIds.put(member.groupInstanceId(), member.memberId());
        }
        if (leaderId == null) {
            leaderId = member.memberId();
        }
    }

    /** A member joined during the initial rebalance delay: the delay is extended (up to the rebalance timeout). */
    void markNewMemberAdded() {
        newMemberAdded = true;
    }

    int awaitingJoinCount() {
        return (int) members.values().stream().filter(ClassicGroupMember::isAwaitingJoin).count();
    }

    void remove(String memberId) {
        ClassicGroupMember removed = members.remove(memberId);
        if (removed == null) {
            return;
        }
        if (removed.isStatic()) {
            staticMemberIds.remove(removed.groupInstanceId(), memberId);
        }
        if (memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
    }

    /** A static member rejoined with a new member id: it keeps its place, assignment and leadership. */
    void replaceStaticMember(String oldMemberId, String newMemberId) {
        ClassicGroupMember member = members.remove(oldMemberId);
        member.setMemberId(newMemberId);
        members.put(newMemberId, member);
        staticMemberIds.put(member.groupInstanceId(), newMemberId);
        if (oldMemberId.equals(leaderId)) {
            leaderId = newMemberId;
        }
    }

    boolean takeNewMemberAdded() {
        boolean added = newMemberAdded;
        newMemberAdded = false;
        return added;
    }

    boolean hasAllMembersJoined() {
        return pendingMemberIds.isEmpty() && members.values().stream().allMatch(ClassicGroupMember::isAwaitingJoin);
    }

    int rebalanceTimeoutMs() {
        return members.values().stream().mapToInt(ClassicGroupMember::rebalanceTimeoutMs).max().orElse(0);
    }

    /** Whether a joining member's protocols fit: same type and at least one protocol in common. */
    boolean supportsProtocols(String memberProtocolType, Set<String> protocolNames) {
        if (members.isEmpty()) {
            return memberProtocolType != null && !memberProtocolType.isEmpty() && !protocolNames.isEmpty();
        }
        return memberProtocolType.equals(protocolType)
                && ProtocolSelector.candidates(members.values()).stream().anyMatch(protocolNames::contains);
    }

    /** Starts the next generation: CompletingRebalance with a selected protocol, or Empty without members. */
    void initNextGeneration(long now) {
        generationId++;
        if (members.isEmpty()) {
            protocolName = null;
            transitionTo(ClassicGroupState.EMPTY, now);
        } else {
            protocolName = ProtocolSelector.select(members.values());
            transitionTo(ClassicGroupState.COMPLETING_REBALANCE, now);
        }
    }

    /** Restores the generation persisted by a group metadata record. */
    void restore(String protocolType, int generationId, String protocolName, String leaderId, long stateTimestamp) {
        this.protocolType = protocolType;
        this.generationId = generationId;
        this.protocolName = protocolName;
        this.leaderId = leaderId;
        this.state = members.isEmpty() ? ClassicGroupState.EMPTY : ClassicGroupState.STABLE;
        this.currentStateTimestamp = stateTimestamp;
    }

    @Override
    public String stateName() {
        return state.displayName();
    }

    @Override
    public String protocolType() {
        return protocolType == null ? "" : protocolType;
    }

    @Override
    public boolean isEmpty() {
        return members.isEmpty();
    }

    @Override
    public void validateOffsetCommit(String memberId, String groupInstanceId, int generationIdOrMemberEpoch) {
        ClassicGroupRules.validateOffsetCommit(this, memberId, groupInstanceId, generationIdOrMemberEpoch);
    }

    @Override
    public void validateOffsetDelete() {
        ClassicGroupRules.validateOffsetDelete(this);
    }

    @Override
    public void validateDeleteGroup() {
        ClassicGroupRules.validateDeleteGroup(this);
    }

    @Override
    public boolean isSubscribedTo(String topic) {
        return ClassicGroupRules.isSubscribedTo(this, topic);
    }

    @Override
    public Optional<ToLongFunction<OffsetCommitValue>> offsetExpirationBase() {
        return ClassicGroupRules.offsetExpirationBase(this);
    }

    @Override
    public DescribeGroupsResponseData.DescribedGroup describe() {
        return ClassicGroupRules.describe(this);
    }

    @Override
    public List<GroupRecord> deletionRecords() {
        return List.of(GroupRecord.tombstone(new GroupMetadataKey(groupId)));
    }

    @Override
    public void markDead() {
        state = ClassicGroupState.DEAD;
    }
}
