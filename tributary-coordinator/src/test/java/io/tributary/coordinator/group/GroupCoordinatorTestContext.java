package io.tributary.coordinator.group;

import io.tributary.coordinator.group.service.GroupCoordinatorService;
import io.tributary.coordinator.runtime.InMemoryCoordinatorLog;
import io.tributary.coordinator.runtime.ManualEventExecutor;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.utils.MockTime;

/** A group coordinator on a manual clock and event thread, with in-memory logs, and request shortcuts. */
final class GroupCoordinatorTestContext {

    static final int SESSION_TIMEOUT = 10_000;
    static final int REBALANCE_TIMEOUT = 30_000;

    static final long START_MS = 1_700_000_000_000L;
    final MockTime time = new MockTime(0, START_MS, START_MS * 1_000_000L);
    final ManualEventExecutor executor = new ManualEventExecutor(time);
    final InMemoryTopics topics = new InMemoryTopics();
    final List<InMemoryCoordinatorLog> logs = new ArrayList<>();
    final GroupCoordinatorConfig config;
    final GroupConfigOverrides overrides;
    GroupCoordinatorService service;

    private GroupCoordinatorTestContext(GroupCoordinatorConfig config, GroupConfigOverrides overrides) {
        this.config = config;
        this.overrides = overrides;
        for (int partition = 0; partition < config.offsetsTopicPartitions(); partition++) {
            logs.add(new InMemoryCoordinatorLog());
        }
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private int partitions = 3;
        private int initialRebalanceDelayMs;
        private int maxGroupSize = Integer.MAX_VALUE;
        private long retentionMs = 7L * 24 * 3600 * 1000;
        private final List<Object[]> topics = new ArrayList<>();
        private GroupConfigOverrides overrides = GroupConfigOverrides.NONE;

        Builder groupConfigs(GroupConfigOverrides overrides) {
            this.overrides = overrides;
            return this;
        }

        Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        Builder initialRebalanceDelayMs(int delayMs) {
            this.initialRebalanceDelayMs = delayMs;
            return this;
        }

        Builder maxGroupSize(int maxGroupSize) {
            this.maxGroupSize = maxGroupSize;
            return this;
        }

        Builder offsetsRetentionMs(long retentionMs) {
            this.retentionMs = retentionMs;
            return this;
        }

        Builder topic(String name, int partitionCount) {
            topics.add(new Object[] {name, partitionCount});
            return this;
        }

        GroupCoordinatorTestContext build() {
            GroupCoordinatorConfig defaults = GroupCoordinatorConfig.defaults();
            GroupCoordinatorConfig config = new GroupCoordinatorConfig(partitions, defaults.minSessionTimeoutMs(),
                    defaults.maxSessionTimeoutMs(), initialRebalanceDelayMs, maxGroupSize, retentionMs,
                    defaults.offsetsRetentionCheckMs(), defaults.offsetMetadataMaxBytes(),
                    defaults.consumerSessionTimeoutMs(), defaults.consumerHeartbeatIntervalMs(),
                    defaults.consumerAssignors(), defaults.consumerMaxSize());
            GroupCoordinatorTestContext context = new GroupCoordinatorTestContext(config, overrides);
            topics.forEach(t -> context.topics.add((String) t[0], (Integer) t[1]));
            context.start();
            return context;
        }
    }

    /** A new service electing every partition: it rebuilds its state from the logs. */
    void start() {
        service = new GroupCoordinatorService(config, topics, overrides, time, executor);
        for (int partition = 0; partition < logs.size(); partition++) {
            service.onElection(partition, logs.get(partition));
        }
    }

    void restart() {
        service.close();
        start();
    }

    void advance(long ms) {
        executor.advance(ms);
    }

    InMemoryCoordinatorLog logOf(String groupId) {
        return logs.get(service.partitionFor(groupId));
    }

    static CoordinatorRequestContext context(ApiKeys api) {
        return context(api.latestVersion());
    }

    static CoordinatorRequestContext context(short version) {
        try {
            return new CoordinatorRequestContext(version, "client", InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static JoinGroupRequestData joinRequest(String groupId, String memberId, String... protocols) {
        JoinGroupRequestData.JoinGroupRequestProtocolCollection collection =
                new JoinGroupRequestData.JoinGroupRequestProtocolCollection();
        for (String protocol : protocols.length == 0 ? new String[] {"range"} : protocols) {
            collection.add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName(protocol)
                    .setMetadata(protocol.getBytes()));
        }
        return new JoinGroupRequestData().setGroupId(groupId).setMemberId(memberId).setProtocolType("consumer")
                .setSessionTimeoutMs(SESSION_TIMEOUT).setRebalanceTimeoutMs(REBALANCE_TIMEOUT)
                .setProtocols(collection);
    }

    CompletableFuture<JoinGroupResponseData> join(JoinGroupRequestData request) {
        return service.joinGroup(context(ApiKeys.JOIN_GROUP), request);
    }

    /** Joins as a new dynamic member (MEMBER_ID_REQUIRED round trip included); the join may still wait. */
    CompletableFuture<JoinGroupResponseData> joinNewMember(String groupId) {
        String memberId = join(joinRequest(groupId, "")).join().memberId();
        return join(joinRequest(groupId, memberId));
    }

    CompletableFuture<SyncGroupResponseData> sync(String groupId, String memberId, int generation,
                                                  List<SyncGroupRequestData.SyncGroupRequestAssignment> plan) {
        return service.syncGroup(context(ApiKeys.SYNC_GROUP), new SyncGroupRequestData().setGroupId(groupId)
                .setMemberId(memberId).setGenerationId(generation).setProtocolType("consumer")
                .setProtocolName("range").setAssignments(plan));
    }

    static SyncGroupRequestData.SyncGroupRequestAssignment assignment(String memberId, String assignment) {
        return new SyncGroupRequestData.SyncGroupRequestAssignment().setMemberId(memberId)
                .setAssignment(assignment.getBytes());
    }

    HeartbeatResponseData heartbeat(String groupId, String memberId, int generation) {
        return service.heartbeat(context(ApiKeys.HEARTBEAT), new HeartbeatRequestData().setGroupId(groupId)
                .setMemberId(memberId).setGenerationId(generation)).join();
    }

    LeaveGroupResponseData leave(String groupId, String... memberIds) {
        List<LeaveGroupRequestData.MemberIdentity> members = new ArrayList<>();
        for (String memberId : memberIds) {
            members.add(new LeaveGroupRequestData.MemberIdentity().setMemberId(memberId));
        }
        return service.leaveGroup(context(ApiKeys.LEAVE_GROUP),
                new LeaveGroupRequestData().setGroupId(groupId).setMembers(members)).join();
    }

    OffsetCommitResponseData commit(String groupId, String memberId, int generation, String topic, int partition,
                                    long offset, String metadata) {
        return commit((short) 9, groupId, memberId, generation, topic, partition, offset, metadata);
    }

    OffsetCommitResponseData commit(short version, String groupId, String memberId, int generation, String topic,
                                    int partition, long offset, String metadata) {
        return service.commitOffsets(context(version),
                new OffsetCommitRequestData().setGroupId(groupId).setMemberId(memberId)
                        .setGenerationIdOrMemberEpoch(generation)
                        .setTopics(List.of(new OffsetCommitRequestData.OffsetCommitRequestTopic().setName(topic)
                                .setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                        .setPartitionIndex(partition).setCommittedOffset(offset)
                                        .setCommittedLeaderEpoch(3).setCommittedMetadata(metadata))))))
                .join();
    }

    /** A simple commit (generation -1, no member), as the admin client or a manual-assignment consumer does. */
    OffsetCommitResponseData simpleCommit(String groupId, String topic, int partition, long offset) {
        return commit(groupId, "", -1, topic, partition, offset, "meta-" + offset);
    }

    OffsetFetchResponseData.OffsetFetchResponseGroup fetch(String groupId, String topic, Integer... partitions) {
        return service.fetchOffsets(context((short) 9), new OffsetFetchRequestData.OffsetFetchRequestGroup()
                .setGroupId(groupId).setTopics(topic == null ? null
                        : List.of(new OffsetFetchRequestData.OffsetFetchRequestTopics().setName(topic)
                                .setPartitionIndexes(List.of(partitions)))), false).join();
    }

    static short errorOf(OffsetCommitResponseData response) {
        return response.topics().get(0).partitions().get(0).errorCode();
    }

    static OffsetFetchResponseData.OffsetFetchResponsePartitions partition(
            OffsetFetchResponseData.OffsetFetchResponseGroup group, int index) {
        return group.topics().get(0).partitions().get(index);
    }
}
