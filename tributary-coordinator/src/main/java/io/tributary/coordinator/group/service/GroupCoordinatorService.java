package io.tributary.coordinator.group.service;

import io.tributary.coordinator.group.CoordinatorRequestContext;
import io.tributary.coordinator.group.GroupConfigOverrides;
import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.coordinator.group.GroupCoordinatorConfig;
import io.tributary.coordinator.group.GroupOverview;
import io.tributary.coordinator.group.TopicMetadataView;
import io.tributary.coordinator.group.classic.ClassicResponses;
import io.tributary.coordinator.group.consumer.ConsumerResponses;
import io.tributary.coordinator.group.consumer.records.ConsumerRecordTypes;
import io.tributary.coordinator.group.offsets.OffsetCommitHandler;
import io.tributary.coordinator.group.offsets.OffsetDeleteHandler;
import io.tributary.coordinator.group.offsets.OffsetFetchHandler;
import io.tributary.coordinator.group.offsets.TxnOffsetCommitHandler;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.group.records.GroupRecordSerde;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorRuntime;
import io.tributary.coordinator.runtime.ShardedCoordinatorService;
import io.tributary.coordinator.runtime.EventExecutor;
import io.tributary.coordinator.runtime.ShardState;
import io.tributary.coordinator.runtime.SingleThreadEventExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;

/** The group coordinator: routes each request to the shard owning its group, on the coordinator event thread. */
public final class GroupCoordinatorService extends ShardedCoordinatorService<GroupCoordinatorShard, GroupRecord>
        implements GroupCoordinator {

    private final GroupCoordinatorConfig config;
    private final CoordinatorRuntime<GroupCoordinatorShard, GroupRecord> runtime;

    public GroupCoordinatorService(GroupCoordinatorConfig config, TopicMetadataView topics, Time time) {
        this(config, topics, GroupConfigOverrides.NONE, time);
    }

    /** With the groups' own settings (group configs). */
    public GroupCoordinatorService(GroupCoordinatorConfig config, TopicMetadataView topics,
                                   GroupConfigOverrides overrides, Time time) {
        this(config, topics, overrides, time, new SingleThreadEventExecutor("group-coordinator-event-thread"));
    }

    /** With a given event executor (tests drive one by a manual clock). */
    public GroupCoordinatorService(GroupCoordinatorConfig config, TopicMetadataView topics, Time time,
                                   EventExecutor executor) {
        this(config, topics, GroupConfigOverrides.NONE, time, executor);
    }

    public GroupCoordinatorService(GroupCoordinatorConfig config, TopicMetadataView topics,
                                   GroupConfigOverrides overrides, Time time, EventExecutor executor) {
        super(config.offsetsTopicPartitions());
        this.config = config;
        this.runtime = new CoordinatorRuntime<>(executor,
                ConsumerRecordTypes.registerAll(GroupRecordSerde.withClassicTypes()),
                (partition, timer) -> new GroupCoordinatorShard(config, topics, overrides, time, timer), time);
    }

    @Override
    protected CoordinatorRuntime<GroupCoordinatorShard, GroupRecord> runtime() {
        return runtime;
    }

    @Override
    public void onTopicsChanged() {
        // Classic groups compute assignments in their leader; consumer groups of every shard led here follow.
        for (int partition = 0; partition < config.offsetsTopicPartitions(); partition++) {
            if (runtime.state(partition) == ShardState.ACTIVE) {
                runtime.<Void>scheduleWrite(partition, (shard, future) -> shard.consumer().onTopicsChanged(),
                        error -> null);
            }
        }
    }

    @Override
    public CompletableFuture<JoinGroupResponseData> joinGroup(CoordinatorRequestContext context,
                                                              JoinGroupRequestData request) {
        if (isInvalid(request.groupId())) {
            return CompletableFuture.completedFuture(
                    ClassicResponses.joinError(request.memberId(), Errors.INVALID_GROUP_ID));
        }
        return runtime.scheduleWrite(partitionFor(request.groupId()),
                (shard, future) -> shard.classic().join(context, request, future),
                error -> ClassicResponses.joinError(request.memberId(), error));
    }

    @Override
    public CompletableFuture<SyncGroupResponseData> syncGroup(CoordinatorRequestContext context,
                                                              SyncGroupRequestData request) {
        if (isInvalid(request.groupId())) {
            return CompletableFuture.completedFuture(ClassicResponses.syncError(Errors.INVALID_GROUP_ID));
        }
        return runtime.scheduleWrite(partitionFor(request.groupId()),
                (shard, future) -> shard.classic().sync(request, future), ClassicResponses::syncError);
    }

    @Override
    public CompletableFuture<HeartbeatResponseData> heartbeat(CoordinatorRequestContext context,
                                                              HeartbeatRequestData request) {
        if (isInvalid(request.groupId())) {
            return CompletableFuture.completedFuture(ClassicResponses.heartbeat(Errors.INVALID_GROUP_ID));
        }
        return runtime.scheduleWrite(partitionFor(request.groupId()),
                (shard, future) -> shard.classic().heartbeat(request), ClassicResponses::heartbeat);
    }

    @Override
    public CompletableFuture<LeaveGroupResponseData> leaveGroup(CoordinatorRequestContext context,
                                                                LeaveGroupRequestData request) {
        if (isInvalid(request.groupId())) {
            return CompletableFuture.completedFuture(ClassicResponses.leaveError(Errors.INVALID_GROUP_ID));
        }
        return runtime.scheduleWrite(partitionFor(request.groupId()),
                (shard, future) -> shard.classic().leave(request), ClassicResponses::leaveError);
    }

    @Override
    public CompletableFuture<OffsetCommitResponseData> commitOffsets(CoordinatorRequestContext context,
                                                                     OffsetCommitRequestData request) {
        short version = context.apiVersion();
        if (isInvalid(request.groupId())) {
            return CompletableFuture.completedFuture(
                    OffsetCommitHandler.errorResponse(version, request, Errors.INVALID_GROUP_ID));
        }
        return runtime.scheduleWrite(partitionFor(request.groupId()),
                (shard, future) -> shard.offsetCommits().commit(version, request),
                error -> OffsetCommitHandler.errorResponse(version, request, error));
    }

    @Override
    public CompletableFuture<OffsetFetchResponseData.OffsetFetchResponseGroup> fetchOffsets(
            CoordinatorRequestContext context, OffsetFetchRequestData.OffsetFetchRequestGroup group,
            boolean requireStable) {
        if (isInvalid(group.groupId())) {
            return CompletableFuture.completedFuture(
                    OffsetFetchHandler.errorResponse(group.groupId(), Errors.INVALID_GROUP_ID));
        }
        return runtime.scheduleRead(partitionFor(group.groupId()),
                shard -> shard.offsetFetches().fetch(context.apiVersion(), group, requireStable),
                error -> OffsetFetchHandler.errorResponse(group.groupId(), error));
    }

    @Override
    public CompletableFuture<TxnOffsetCommitResponseData> txnOffsetCommit(CoordinatorRequestContext context,
                                                                         TxnOffsetCommitRequestData request) {
        if (isInvalid(request.groupId())) {
            return CompletableFuture.completedFuture(
                    TxnOffsetCommitHandler.errorResponse(request, Errors.INVALID_GROUP_ID));
        }
        return runtime.scheduleWrite(partitionFor(request.groupId()),
                (shard, future) -> shard.txnOffsetCommits().commit(request),
                error -> TxnOffsetCommitHandler.errorResponse(request, error));
    }

    @Override
    public void onTransactionCompleted(int offsetsPartition, long producerId, boolean commit) {
        // A partition not (yet) loaded here settles the offsets when its loader replays the marker.
        runtime.<Void>scheduleWrite(offsetsPartition, (shard, future) -> {
            shard.replayEndTransaction(producerId, commit);
            return CoordinatorResult.of(null);
        }, error -> null);
    }

    @Override
    public CompletableFuture<OffsetDeleteResponseData> deleteOffsets(CoordinatorRequestContext context,
                                                                     OffsetDeleteRequestData request) {
        if (isInvalid(request.groupId())) {
            return CompletableFuture.completedFuture(OffsetDeleteHandler.errorResponse(Errors.INVALID_GROUP_ID));
        }
        return runtime.scheduleWrite(partitionFor(request.groupId()),
                (shard, future) -> shard.offsetDeletes().delete(request), OffsetDeleteHandler::errorResponse);
    }

    /** Every group this node coordinates, with its committed offsets (for metrics: lag, members, states). */
    public CompletableFuture<List<GroupOverview>> overview() {
        return runtime.runOnEventThread(() -> {
            List<GroupOverview> overview = new ArrayList<>();
            for (int partition = 0; partition < config.offsetsTopicPartitions(); partition++) {
                GroupCoordinatorShard shard = runtime.activeShard(partition);
                if (shard != null) {
                    overview.addAll(shard.overview());
                }
            }
            return overview;
        });
    }

    @Override
    public CompletableFuture<ListGroupsResponseData> listGroups(CoordinatorRequestContext context,
                                                                ListGroupsRequestData request) {
        List<String> states = request.statesFilter().stream().map(s -> s.toLowerCase(java.util.Locale.ROOT))
                .toList();
        List<String> types = request.typesFilter();
        return runtime.runOnEventThread(() -> {
            ListGroupsResponseData response = new ListGroupsResponseData();
            for (int partition = 0; partition < config.offsetsTopicPartitions(); partition++) {
                Errors unavailable = runtime.unavailableError(partition);
                if (unavailable == Errors.COORDINATOR_LOAD_IN_PROGRESS) {
                    response.setErrorCode(unavailable.code());
                }
                GroupCoordinatorShard shard = runtime.activeShard(partition);
                if (shard != null) {
                    response.groups().addAll(shard.admin().list(states, types));
                }
            }
            return response;
        });
    }

    @Override
    public CompletableFuture<List<DescribeGroupsResponseData.DescribedGroup>> describeGroups(
            CoordinatorRequestContext context, List<String> groupIds) {
        return runtime.runOnEventThread(() -> {
            List<DescribeGroupsResponseData.DescribedGroup> described = new ArrayList<>();
            for (String groupId : groupIds) {
                if (isInvalid(groupId)) {
                    described.add(GroupAdmin.describeError(groupId, Errors.INVALID_GROUP_ID));
                    continue;
                }
                int partition = partitionFor(groupId);
                GroupCoordinatorShard shard = runtime.activeShard(partition);
                described.add(shard == null
                        ? GroupAdmin.describeError(groupId, runtime.unavailableError(partition))
                        : shard.admin().describe(context.apiVersion(), groupId));
            }
            return described;
        });
    }

    @Override
    public CompletableFuture<DeleteGroupsResponseData.DeletableGroupResultCollection> deleteGroups(
            CoordinatorRequestContext context, List<String> groupIds) {
        Map<Integer, List<String>> byPartition = new LinkedHashMap<>();
        List<DeleteGroupsResponseData.DeletableGroupResult> invalid = new ArrayList<>();
        for (String groupId : groupIds) {
            if (isInvalid(groupId)) {
                invalid.add(deleteResult(groupId, Errors.INVALID_GROUP_ID));
            } else {
                byPartition.computeIfAbsent(partitionFor(groupId), p -> new ArrayList<>()).add(groupId);
            }
        }
        List<CompletableFuture<List<DeleteGroupsResponseData.DeletableGroupResult>>> perShard = new ArrayList<>();
        byPartition.forEach((partition, ids) -> perShard.add(runtime.scheduleWrite(partition,
                (shard, future) -> shard.admin().delete(ids),
                error -> ids.stream().map(id -> deleteResult(id, error)).toList())));
        return CompletableFuture.allOf(perShard.toArray(new CompletableFuture<?>[0])).thenApply(ignored -> {
            DeleteGroupsResponseData.DeletableGroupResultCollection results =
                    new DeleteGroupsResponseData.DeletableGroupResultCollection();
            invalid.forEach(results::add);
            perShard.forEach(future -> future.join().forEach(results::add));
            return results;
        });
    }

    @Override
    public CompletableFuture<ConsumerGroupHeartbeatResponseData> consumerGroupHeartbeat(
            CoordinatorRequestContext context, ConsumerGroupHeartbeatRequestData request) {
        if (isInvalid(request.groupId())) {
            return CompletableFuture.completedFuture(ConsumerResponses.heartbeatError(Errors.INVALID_REQUEST)
                    .setErrorMessage("GroupId can't be empty."));
        }
        return runtime.scheduleWrite(partitionFor(request.groupId()),
                (shard, future) -> shard.consumer().heartbeat(context, request), ConsumerResponses::heartbeatError);
    }

    @Override
    public CompletableFuture<List<ConsumerGroupDescribeResponseData.DescribedGroup>> consumerGroupDescribe(
            CoordinatorRequestContext context, List<String> groupIds) {
        return runtime.runOnEventThread(() -> {
            List<ConsumerGroupDescribeResponseData.DescribedGroup> described = new ArrayList<>();
            for (String groupId : groupIds) {
                if (isInvalid(groupId)) {
                    described.add(ConsumerResponses.describeError(groupId, Errors.INVALID_GROUP_ID, null));
                    continue;
                }
                int partition = partitionFor(groupId);
                GroupCoordinatorShard shard = runtime.activeShard(partition);
                described.add(shard == null
                        ? ConsumerResponses.describeError(groupId, runtime.unavailableError(partition), null)
                        : shard.consumer().describe(groupId));
            }
            return described;
        });
    }

    private static boolean isInvalid(String groupId) {
        return groupId == null || groupId.isEmpty();
    }

    private static DeleteGroupsResponseData.DeletableGroupResult deleteResult(String groupId, Errors error) {
        return new DeleteGroupsResponseData.DeletableGroupResult().setGroupId(groupId).setErrorCode(error.code());
    }
}
