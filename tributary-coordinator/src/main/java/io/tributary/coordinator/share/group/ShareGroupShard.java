package io.tributary.coordinator.share.group;

import io.tributary.coordinator.group.TopicMetadataView;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorShard;
import io.tributary.coordinator.runtime.CoordinatorTimer;
import io.tributary.coordinator.share.ShareGroupConfig;
import io.tributary.coordinator.share.ShareGroupCoordinator.GroupView;
import io.tributary.coordinator.share.ShareGroupSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ShareGroupDescribeResponseData;
import org.apache.kafka.common.message.ShareGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ShareGroupHeartbeatResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * The share groups of one {@code __consumer_offsets} partition. Operations change the in-memory groups and return
 * the records that make the change durable; loading replays the same records. Used on the event thread only.
 */
final class ShareGroupShard implements CoordinatorShard<ShareGroupRecord> {

    static final String GROUP_TYPE = "share";

    private final ShareGroupConfig config;
    private final ShareGroupSettings settings;
    private final TopicMetadataView topics;
    private final CoordinatorTimer<ShareGroupRecord> timer;
    /** Share groups across every shard of this broker, for group.share.max.groups. */
    private final AtomicInteger groupCount;
    private final Map<String, ShareGroup> groups = new HashMap<>();

    ShareGroupShard(ShareGroupConfig config, ShareGroupSettings settings, TopicMetadataView topics,
                    CoordinatorTimer<ShareGroupRecord> timer, AtomicInteger groupCount) {
        this.config = config;
        this.settings = settings;
        this.topics = topics;
        this.timer = timer;
        this.groupCount = groupCount;
    }

    // ---- replay -------------------------------------------------------------------------------------------

    @Override
    public void replay(ShareGroupRecord record) {
        if (record instanceof ShareGroupRecord.Group g) {
            if (g.value() == null) {
                removeGroup(g.groupId());
            } else {
                ShareGroup group = getOrCreate(g.groupId());
                group.groupEpoch = g.value().epoch();
                group.topicIds.clear();
                group.topicIds.addAll(g.value().topicIds());
            }
        } else if (record instanceof ShareGroupRecord.Member m) {
            if (m.value() == null) {
                ShareGroup group = groups.get(m.groupId());
                if (group != null) {
                    group.members.remove(m.memberId());
                }
            } else {
                ShareGroupRecord.MemberValue v = m.value();
                getOrCreate(m.groupId()).members.put(m.memberId(),
                        new ShareMember(m.memberId(), v.clientId(), v.clientHost(), v.rackId(),
                                v.subscribedTopics()));
            }
        }
    }

    @Override
    public void onLoaded() {
        // Members come back with their sessions restarted; the assignment is recomputed from the subscriptions.
        for (ShareGroup group : groups.values()) {
            group.targetAssignment = computeAssignment(group);
            group.assignmentEpoch = group.groupEpoch;
            for (ShareMember member : group.members.values()) {
                member.memberEpoch = group.groupEpoch;
                member.assignment = group.targetAssignment.getOrDefault(member.memberId, Map.of());
                scheduleSessionTimeout(group, member);
            }
        }
    }

    @Override
    public void onUnloaded() {
        groupCount.addAndGet(-groups.size());
        groups.clear();
    }

    // ---- heartbeat ----------------------------------------------------------------------------------------

    CoordinatorResult<ShareGroupHeartbeatResponseData, ShareGroupRecord> heartbeat(
            String clientId, String clientHost, ShareGroupHeartbeatRequestData request) {
        String invalid = validate(request);
        if (invalid != null) {
            return CoordinatorResult.of(error(Errors.INVALID_REQUEST, invalid));
        }
        List<ShareGroupRecord> records = new ArrayList<>();
        ShareGroup group = groups.get(request.groupId());
        if (request.memberEpoch() == -1) {
            return leave(group, request, records);
        }
        if (group == null) {
            if (request.memberEpoch() != 0) {
                return CoordinatorResult.of(error(Errors.GROUP_ID_NOT_FOUND,
                        "Group " + request.groupId() + " not found."));
            }
            if (groupCount.get() >= config.maxGroups()) {
                return CoordinatorResult.of(error(Errors.GROUP_MAX_SIZE_REACHED,
                        "The share group limit (group.share.max.groups=" + config.maxGroups() + ") is reached."));
            }
            group = getOrCreate(request.groupId());
        }
        ShareMember member = group.members.get(request.memberId());
        boolean bump = false;
        if (member == null) {
            if (request.memberEpoch() != 0) {
                return CoordinatorResult.of(error(Errors.UNKNOWN_MEMBER_ID,
                        "Member " + request.memberId() + " is not a member of group " + group.groupId + "."));
            }
            if (group.members.size() >= config.maxSize()) {
                return CoordinatorResult.of(error(Errors.GROUP_MAX_SIZE_REACHED,
                        "The share group has reached its maximum size (group.share.max.size=" + config.maxSize()
                                + ")."));
            }
            member = new ShareMember(request.memberId(), clientId, clientHost, request.rackId(),
                    request.subscribedTopicNames());
            group.members.put(member.memberId, member);
            member.memberEpoch = -1;
            bump = true;
        } else if (request.memberEpoch() != 0 && request.memberEpoch() != member.memberEpoch) {
            return CoordinatorResult.of(error(Errors.FENCED_MEMBER_EPOCH,
                    "The member epoch " + request.memberEpoch() + " is not the current one ("
                            + member.memberEpoch + ")."));
        } else if (request.subscribedTopicNames() != null
                && !Set.copyOf(request.subscribedTopicNames()).equals(Set.copyOf(member.subscribedTopics))) {
            member.subscribedTopics = List.copyOf(request.subscribedTopicNames());
            bump = true;
        }
        if (bump) {
            member.clientId = clientId;
            member.clientHost = clientHost;
            member.rackId = request.rackId();
            records.add(memberRecord(group, member));
            group.groupEpoch++;
            reassign(group, records, true);
        }
        scheduleSessionTimeout(group, member);
        ShareGroupHeartbeatResponseData response = new ShareGroupHeartbeatResponseData()
                .setMemberId(member.memberId)
                .setHeartbeatIntervalMs(heartbeatIntervalMs(group.groupId));
        if (member.memberEpoch != group.groupEpoch || request.memberEpoch() == 0
                || request.subscribedTopicNames() != null) {
            member.memberEpoch = group.groupEpoch;
            member.assignment = group.targetAssignment.getOrDefault(member.memberId, Map.of());
            response.setAssignment(heartbeatAssignment(member.assignment));
        }
        response.setMemberEpoch(member.memberEpoch);
        return CoordinatorResult.persisting(records, response, null);
    }

    private CoordinatorResult<ShareGroupHeartbeatResponseData, ShareGroupRecord> leave(
            ShareGroup group, ShareGroupHeartbeatRequestData request, List<ShareGroupRecord> records) {
        if (group == null) {
            return CoordinatorResult.of(error(Errors.GROUP_ID_NOT_FOUND, "Group " + request.groupId()
                    + " not found."));
        }
        ShareMember member = group.members.get(request.memberId());
        if (member == null) {
            return CoordinatorResult.of(error(Errors.UNKNOWN_MEMBER_ID, "Member " + request.memberId()
                    + " is not a member of group " + group.groupId + "."));
        }
        removeMember(group, member, records);
        return CoordinatorResult.persisting(records, new ShareGroupHeartbeatResponseData()
                .setMemberId(member.memberId).setMemberEpoch(-1), null);
    }

    private static String validate(ShareGroupHeartbeatRequestData request) {
        if (request.groupId() == null || request.groupId().isEmpty()) {
            return "GroupId can't be empty.";
        }
        if (request.memberId() == null || request.memberId().isEmpty()) {
            return "MemberId can't be empty.";
        }
        if (request.memberEpoch() < -1) {
            return "MemberEpoch is invalid.";
        }
        if (request.memberEpoch() == 0
                && (request.subscribedTopicNames() == null || request.subscribedTopicNames().isEmpty())) {
            return "SubscribedTopicNames must be set in first request.";
        }
        return null;
    }

    private void removeMember(ShareGroup group, ShareMember member, List<ShareGroupRecord> records) {
        group.members.remove(member.memberId);
        timer.cancel(sessionKey(group.groupId, member.memberId));
        records.add(new ShareGroupRecord.Member(group.groupId, member.memberId, null));
        group.groupEpoch++;
        reassign(group, records, true);
    }

    /** Recomputes the target assignment; the group record is written when the epoch or the topics changed. */
    private void reassign(ShareGroup group, List<ShareGroupRecord> records, boolean epochBumped) {
        Map<String, Map<Uuid, List<Integer>>> target = computeAssignment(group);
        boolean changed = !target.equals(group.targetAssignment);
        if (changed && !epochBumped) {
            group.groupEpoch++;
        }
        group.targetAssignment = target;
        group.assignmentEpoch = group.groupEpoch;
        Set<Uuid> before = Set.copyOf(group.topicIds);
        target.values().forEach(assignment -> group.topicIds.addAll(assignment.keySet()));
        if (epochBumped || changed || !before.equals(group.topicIds)) {
            records.add(groupRecord(group));
        }
    }

    private Map<String, Map<Uuid, List<Integer>>> computeAssignment(ShareGroup group) {
        Map<Uuid, List<String>> subscribers = new HashMap<>();
        Map<Uuid, Integer> partitions = new HashMap<>();
        for (ShareMember member : group.members.values()) {
            for (String topic : member.subscribedTopics) {
                topics.topicId(topic).ifPresent(id -> {
                    subscribers.computeIfAbsent(id, k -> new ArrayList<>()).add(member.memberId);
                    partitions.put(id, topics.partitionCount(topic).orElse(0));
                });
            }
        }
        return SimpleAssignor.assign(subscribers, partitions, group.targetAssignment);
    }

    /** Topics came or went: groups whose assignment changes move to a new epoch. */
    CoordinatorResult<Void, ShareGroupRecord> onTopicsChanged() {
        List<ShareGroupRecord> records = new ArrayList<>();
        for (ShareGroup group : groups.values()) {
            reassign(group, records, false);
        }
        return CoordinatorResult.persisting(records, null, null);
    }

    private void scheduleSessionTimeout(ShareGroup group, ShareMember member) {
        String groupId = group.groupId;
        String memberId = member.memberId;
        timer.schedule(sessionKey(groupId, memberId), sessionTimeoutMs(groupId), () -> {
            List<ShareGroupRecord> records = new ArrayList<>();
            ShareGroup current = groups.get(groupId);
            ShareMember expired = current == null ? null : current.members.get(memberId);
            if (expired != null) {
                removeMember(current, expired, records);
            }
            return CoordinatorResult.persisting(records, null, null);
        });
    }

    private static String sessionKey(String groupId, String memberId) {
        return "share-session-" + groupId + "-" + memberId;
    }

    private int sessionTimeoutMs(String groupId) {
        return settings.sessionTimeoutMs(groupId).orElse(config.sessionTimeoutMs());
    }

    private int heartbeatIntervalMs(String groupId) {
        return settings.heartbeatIntervalMs(groupId).orElse(config.heartbeatIntervalMs());
    }

    // ---- admin --------------------------------------------------------------------------------------------

    ShareGroupDescribeResponseData.DescribedGroup describe(String groupId) {
        ShareGroup group = groups.get(groupId);
        ShareGroupDescribeResponseData.DescribedGroup described = new ShareGroupDescribeResponseData.DescribedGroup()
                .setGroupId(groupId);
        if (group == null) {
            return described.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code())
                    .setErrorMessage("Group " + groupId + " not found.");
        }
        described.setGroupState(group.stateName()).setGroupEpoch(group.groupEpoch)
                .setAssignmentEpoch(group.assignmentEpoch).setAssignorName(SimpleAssignor.NAME);
        for (ShareMember member : group.members.values()) {
            ShareGroupDescribeResponseData.Assignment assignment = new ShareGroupDescribeResponseData.Assignment();
            member.assignment.forEach((topicId, partitions) -> assignment.topicPartitions().add(
                    new ShareGroupDescribeResponseData.TopicPartitions().setTopicId(topicId)
                            .setTopicName(topics.topicName(topicId).orElse(null))
                            .setPartitions(new ArrayList<>(partitions))));
            described.members().add(new ShareGroupDescribeResponseData.Member()
                    .setMemberId(member.memberId).setRackId(member.rackId).setMemberEpoch(member.memberEpoch)
                    .setClientId(member.clientId).setClientHost(member.clientHost)
                    .setSubscribedTopicNames(new ArrayList<>(member.subscribedTopics)).setAssignment(assignment));
        }
        return described;
    }

    List<ListGroupsResponseData.ListedGroup> list() {
        List<ListGroupsResponseData.ListedGroup> listed = new ArrayList<>();
        groups.values().forEach(group -> listed.add(new ListGroupsResponseData.ListedGroup()
                .setGroupId(group.groupId).setProtocolType(GROUP_TYPE).setGroupState(group.stateName())
                .setGroupType(GROUP_TYPE)));
        return listed;
    }

    GroupView view(String groupId) {
        ShareGroup group = groups.get(groupId);
        return group == null ? new GroupView(Errors.GROUP_ID_NOT_FOUND, false, Set.of())
                : new GroupView(Errors.NONE, !group.members.isEmpty(), Set.copyOf(group.topicIds));
    }

    CoordinatorResult<Map<String, GroupView>, ShareGroupRecord> delete(List<String> groupIds) {
        Map<String, GroupView> results = new LinkedHashMap<>();
        List<ShareGroupRecord> records = new ArrayList<>();
        for (String groupId : groupIds) {
            GroupView view = view(groupId);
            if (view.error() == Errors.NONE && view.hasMembers()) {
                view = new GroupView(Errors.NON_EMPTY_GROUP, true, view.topicIds());
            } else if (view.error() == Errors.NONE) {
                removeGroup(groupId);
                records.add(new ShareGroupRecord.Group(groupId, null));
            }
            results.put(groupId, view);
        }
        return CoordinatorResult.persisting(records, results, null);
    }

    CoordinatorResult<Errors, ShareGroupRecord> recordTopics(String groupId, Set<Uuid> topicIds,
                                                              boolean mustBeEmpty) {
        ShareGroup group = groups.get(groupId);
        if (group != null && mustBeEmpty && !group.members.isEmpty()) {
            return CoordinatorResult.of(Errors.NON_EMPTY_GROUP);
        }
        if (group == null) {
            group = getOrCreate(groupId);
        } else if (group.topicIds.containsAll(topicIds)) {
            return CoordinatorResult.of(Errors.NONE);
        }
        group.topicIds.addAll(topicIds);
        return CoordinatorResult.persisting(List.of(groupRecord(group)), Errors.NONE, null);
    }

    CoordinatorResult<Errors, ShareGroupRecord> forgetTopics(String groupId, Set<Uuid> topicIds) {
        ShareGroup group = groups.get(groupId);
        if (group == null) {
            return CoordinatorResult.of(Errors.GROUP_ID_NOT_FOUND);
        }
        if (!group.members.isEmpty()) {
            return CoordinatorResult.of(Errors.NON_EMPTY_GROUP);
        }
        group.topicIds.removeAll(topicIds);
        return CoordinatorResult.persisting(List.of(groupRecord(group)), Errors.NONE, null);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private ShareGroup getOrCreate(String groupId) {
        return groups.computeIfAbsent(groupId, id -> {
            groupCount.incrementAndGet();
            return new ShareGroup(id);
        });
    }

    private void removeGroup(String groupId) {
        ShareGroup removed = groups.remove(groupId);
        if (removed != null) {
            groupCount.decrementAndGet();
            removed.members.keySet().forEach(memberId -> timer.cancel(sessionKey(groupId, memberId)));
        }
    }

    private static ShareGroupRecord memberRecord(ShareGroup group, ShareMember member) {
        return new ShareGroupRecord.Member(group.groupId, member.memberId, new ShareGroupRecord.MemberValue(
                member.clientId, member.clientHost, member.rackId, member.subscribedTopics));
    }

    private static ShareGroupRecord groupRecord(ShareGroup group) {
        return new ShareGroupRecord.Group(group.groupId,
                new ShareGroupRecord.GroupValue(group.groupId, group.groupEpoch, new HashSet<>(group.topicIds)));
    }

    private static ShareGroupHeartbeatResponseData.Assignment heartbeatAssignment(Map<Uuid, List<Integer>> assigned) {
        ShareGroupHeartbeatResponseData.Assignment assignment = new ShareGroupHeartbeatResponseData.Assignment();
        assigned.forEach((topicId, partitions) -> assignment.topicPartitions().add(
                new ShareGroupHeartbeatResponseData.TopicPartitions().setTopicId(topicId)
                        .setPartitions(new ArrayList<>(partitions))));
        return assignment;
    }

    static ShareGroupHeartbeatResponseData error(Errors error, String message) {
        return new ShareGroupHeartbeatResponseData().setErrorCode(error.code())
                .setErrorMessage(Objects.requireNonNullElse(message, error.message()));
    }
}
