package io.tributary.it.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.tributary.it.support.RawKafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.JoinGroupResponse;
import org.apache.kafka.common.requests.LeaveGroupRequest;
import org.apache.kafka.common.requests.LeaveGroupResponse;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.apache.kafka.common.requests.SyncGroupResponse;
import org.apache.kafka.common.utils.Utils;

/**
 * A classic group member spoken over a bare connection, so a test can send what the Java client never would (a stale
 * generation, a made-up member id) and see the broker's exact error code. It joins as the only member, hence leader.
 */
final class RawClassicMember {

    /** The last OffsetCommit version that names topics; v10 identifies them by topic id. */
    private static final short OFFSET_COMMIT_BY_NAME = 9;
    private static final String PROTOCOL = "range";

    private final RawKafkaConnection connection;
    private final String groupId;
    private int correlationId;
    private String memberId = "";
    private int generationId = -1;

    RawClassicMember(RawKafkaConnection connection, String groupId) {
        this.connection = connection;
        this.groupId = groupId;
    }

    String memberId() {
        return memberId;
    }

    int generationId() {
        return generationId;
    }

    /** FindCoordinator until the broker answers without error (the offsets topic may still be coming up). */
    void awaitCoordinator() {
        await("coordinator for " + groupId).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> findCoordinatorError() == Errors.NONE);
    }

    private Errors findCoordinatorError() throws IOException {
        short version = ApiKeys.FIND_COORDINATOR.latestVersion();
        FindCoordinatorRequestData data = new FindCoordinatorRequestData()
                .setKeyType(FindCoordinatorRequest.CoordinatorType.GROUP.id())
                .setCoordinatorKeys(List.of(groupId));
        FindCoordinatorResponse response = connection.roundTrip(new FindCoordinatorRequest.Builder(data).build(version),
                header(ApiKeys.FIND_COORDINATOR, version));
        return Errors.forCode(response.data().coordinators().get(0).errorCode());
    }

    /** JoinGroup (twice: the first answer hands out the member id) and SyncGroup, assigning itself the partition. */
    void joinAndSync(TopicPartition partition) throws IOException {
        JoinGroupResponse first = join();
        assertThat(first.error()).as("first JoinGroup without a member id").isEqualTo(Errors.MEMBER_ID_REQUIRED);
        memberId = first.data().memberId();
        JoinGroupResponse second = join();
        assertThat(second.error()).as("JoinGroup with member id").isEqualTo(Errors.NONE);
        assertThat(second.data().leader()).as("leader of a one-member group").isEqualTo(memberId);
        generationId = second.data().generationId();

        byte[] assignment = Utils.toArray(ConsumerProtocol.serializeAssignment(new Assignment(List.of(partition))));
        short version = ApiKeys.SYNC_GROUP.latestVersion();
        SyncGroupRequestData sync = new SyncGroupRequestData().setGroupId(groupId).setGenerationId(generationId)
                .setMemberId(memberId).setProtocolType(ConsumerProtocol.PROTOCOL_TYPE).setProtocolName(PROTOCOL)
                .setAssignments(List.of(new SyncGroupRequestAssignment().setMemberId(memberId).setAssignment(assignment)));
        SyncGroupResponse synced = connection.roundTrip(new SyncGroupRequest.Builder(sync).build(version),
                header(ApiKeys.SYNC_GROUP, version));
        assertThat(synced.error()).as("SyncGroup").isEqualTo(Errors.NONE);
        assertThat(synced.data().assignment()).as("assignment handed back by SyncGroup").isEqualTo(assignment);
    }

    private JoinGroupResponse join() throws IOException {
        byte[] metadata = Utils.toArray(ConsumerProtocol.serializeSubscription(new Subscription(List.of("any-topic"))));
        JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection(
                List.of(new JoinGroupRequestProtocol().setName(PROTOCOL).setMetadata(metadata)).iterator());
        JoinGroupRequestData data = new JoinGroupRequestData().setGroupId(groupId).setMemberId(memberId)
                .setSessionTimeoutMs(10_000).setRebalanceTimeoutMs(10_000)
                .setProtocolType(ConsumerProtocol.PROTOCOL_TYPE).setProtocols(protocols);
        short version = ApiKeys.JOIN_GROUP.latestVersion();
        return connection.roundTrip(new JoinGroupRequest.Builder(data).build(version), header(ApiKeys.JOIN_GROUP, version));
    }

    /** Commits one offset as the given member and generation; returns the partition's error. */
    Errors commit(String asMemberId, int asGeneration, TopicPartition partition, long offset) throws IOException {
        return commit(OFFSET_COMMIT_BY_NAME, asMemberId, asGeneration, partition, offset);
    }

    /** The same at a chosen OffsetCommit version (up to v9, the last to name topics). */
    Errors commit(short version, String asMemberId, int asGeneration, TopicPartition partition, long offset)
            throws IOException {
        OffsetCommitRequestData data = new OffsetCommitRequestData().setGroupId(groupId).setMemberId(asMemberId)
                .setGenerationIdOrMemberEpoch(asGeneration)
                .setTopics(List.of(new OffsetCommitRequestTopic().setName(partition.topic()).setPartitions(List.of(
                        new OffsetCommitRequestPartition().setPartitionIndex(partition.partition())
                                .setCommittedOffset(offset)))));
        OffsetCommitResponse response = connection.roundTrip(
                OffsetCommitRequest.Builder.forTopicNames(data).build(version), header(ApiKeys.OFFSET_COMMIT, version));
        return Errors.forCode(response.data().topics().get(0).partitions().get(0).errorCode());
    }

    /**
     * LeaveGroup for this member at the given version (v0-2 name one member at the top level, v3+ a list); returns
     * the whole response so a test sees the version's own shape.
     */
    LeaveGroupResponse leave(short version) throws IOException {
        return leave(version, memberId);
    }

    LeaveGroupResponse leave(short version, String asMemberId) throws IOException {
        LeaveGroupRequest request = new LeaveGroupRequest.Builder(groupId,
                List.of(new MemberIdentity().setMemberId(asMemberId))).build(version);
        return connection.roundTrip(request, header(ApiKeys.LEAVE_GROUP, version));
    }

    Errors heartbeat(String asMemberId, int asGeneration) throws IOException {
        short version = ApiKeys.HEARTBEAT.latestVersion();
        HeartbeatRequestData data = new HeartbeatRequestData().setGroupId(groupId).setMemberId(asMemberId)
                .setGenerationId(asGeneration);
        HeartbeatResponse response = connection.roundTrip(new HeartbeatRequest.Builder(data).build(version),
                header(ApiKeys.HEARTBEAT, version));
        return response.error();
    }

    private RequestHeader header(ApiKeys api, short version) {
        return RawKafkaConnection.header(api, version, ++correlationId);
    }
}
