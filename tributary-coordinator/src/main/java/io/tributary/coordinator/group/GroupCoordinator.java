package io.tributary.coordinator.group;

import io.tributary.coordinator.runtime.PartitionedCoordinator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;

/**
 * The group coordinator: consumer groups (classic protocol and KIP-848) and their committed offsets, kept in
 * the partitions of {@code __consumer_offsets} this broker leads. Request-level semantics and error codes are
 * Kafka's; the broker only decodes requests, routes them here and encodes the answers.
 *
 * <p>Every future completes normally with a response carrying Kafka's error codes (never exceptionally for an
 * expected error such as NOT_COORDINATOR or COORDINATOR_LOAD_IN_PROGRESS).
 */
public interface GroupCoordinator extends PartitionedCoordinator {

    /** Topics were created, grown or deleted: KIP-848 groups recompute their assignments. */
    void onTopicsChanged();

    CompletableFuture<JoinGroupResponseData> joinGroup(CoordinatorRequestContext context, JoinGroupRequestData request);

    CompletableFuture<SyncGroupResponseData> syncGroup(CoordinatorRequestContext context, SyncGroupRequestData request);

    CompletableFuture<HeartbeatResponseData> heartbeat(CoordinatorRequestContext context, HeartbeatRequestData request);

    /**
     * LeaveGroup in its normalized form (kafka-clients' {@code LeaveGroupRequest.normalizedData()}: a members list
     * at every version); the answer has an error per member, shaped for old versions by the caller.
     */
    CompletableFuture<LeaveGroupResponseData> leaveGroup(CoordinatorRequestContext context,
                                                         LeaveGroupRequestData request);

    CompletableFuture<OffsetCommitResponseData> commitOffsets(CoordinatorRequestContext context,
                                                              OffsetCommitRequestData request);

    /** One group of an OffsetFetch request (v8+ batches several; older versions are given as one group). */
    CompletableFuture<OffsetFetchResponseData.OffsetFetchResponseGroup> fetchOffsets(
            CoordinatorRequestContext context, OffsetFetchRequestData.OffsetFetchRequestGroup group,
            boolean requireStable);

    /**
     * TxnOffsetCommit v0-v5: offsets committed inside the producer's transaction, invisible to OffsetFetch until
     * {@link #onTransactionCompleted} reports its COMMIT marker (dropped on ABORT).
     */
    CompletableFuture<TxnOffsetCommitResponseData> txnOffsetCommit(CoordinatorRequestContext context,
                                                                  TxnOffsetCommitRequestData request);

    /**
     * The broker wrote a transaction marker of {@code producerId} to {@code __consumer_offsets} partition
     * {@code offsetsPartition}: that producer's pending offsets there become visible (commit) or are dropped.
     */
    void onTransactionCompleted(int offsetsPartition, long producerId, boolean commit);

    CompletableFuture<OffsetDeleteResponseData> deleteOffsets(CoordinatorRequestContext context,
                                                              OffsetDeleteRequestData request);

    /** Groups of every partition led here, filtered by state and type as the request asks. */
    CompletableFuture<ListGroupsResponseData> listGroups(CoordinatorRequestContext context,
                                                         ListGroupsRequestData request);

    CompletableFuture<List<DescribeGroupsResponseData.DescribedGroup>> describeGroups(
            CoordinatorRequestContext context, List<String> groupIds);

    CompletableFuture<DeleteGroupsResponseData.DeletableGroupResultCollection> deleteGroups(
            CoordinatorRequestContext context, List<String> groupIds);

    CompletableFuture<ConsumerGroupHeartbeatResponseData> consumerGroupHeartbeat(
            CoordinatorRequestContext context, ConsumerGroupHeartbeatRequestData request);

    CompletableFuture<List<ConsumerGroupDescribeResponseData.DescribedGroup>> consumerGroupDescribe(
            CoordinatorRequestContext context, List<String> groupIds);
}
