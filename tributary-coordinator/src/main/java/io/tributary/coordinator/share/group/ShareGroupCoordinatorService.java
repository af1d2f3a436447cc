package io.tributary.coordinator.share.group;

import io.tributary.coordinator.group.TopicMetadataView;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorRuntime;
import io.tributary.coordinator.runtime.EventExecutor;
import io.tributary.coordinator.runtime.ShardedCoordinatorService;
import io.tributary.coordinator.runtime.SingleThreadEventExecutor;
import io.tributary.coordinator.share.ShareGroupConfig;
import io.tributary.coordinator.share.ShareGroupCoordinator;
import io.tributary.coordinator.share.ShareGroupSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ShareGroupDescribeResponseData;
import org.apache.kafka.common.message.ShareGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ShareGroupHeartbeatResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;

/**
 * Share group membership over the {@code __consumer_offsets} partitions led here, on its own event thread and
 * runtime: its records carry key types the consumer group coordinator skips, and the other way round.
 */
public final class ShareGroupCoordinatorService
        extends ShardedCoordinatorService<ShareGroupShard, ShareGroupRecord> implements ShareGroupCoordinator {

    private final int partitions;
    private final CoordinatorRuntime<ShareGroupShard, ShareGroupRecord> runtime;

    public ShareGroupCoordinatorService(ShareGroupConfig config, ShareGroupSettings settings,
                                        TopicMetadataView topics, Time time) {
        this(config, settings, topics, time, new SingleThreadEventExecutor("share-group-coordinator-event-thread"));
    }

    public ShareGroupCoordinatorService(ShareGroupConfig config, ShareGroupSettings settings,
                                        TopicMetadataView topics, Time time, EventExecutor executor) {
        super(config.offsetsTopicPartitions());
        this.partitions = config.offsetsTopicPartitions();
        AtomicInteger groupCount = new AtomicInteger();
        this.runtime = new CoordinatorRuntime<>(executor, new ShareGroupRecordSerde(),
                (partition, timer) -> new ShareGroupShard(config, settings, topics, timer, groupCount), time);
    }

    @Override
    protected CoordinatorRuntime<ShareGroupShard, ShareGroupRecord> runtime() {
        return runtime;
    }

    @Override
    public void onTopicsChanged() {
        for (int partition = 0; partition < partitions; partition++) {
            if (runtime.unavailableError(partition) == Errors.NONE) {
                runtime.scheduleWrite(partition, (shard, future) -> {
                    CoordinatorResult<Void, ShareGroupRecord> result = shard.onTopicsChanged();
                    return new CoordinatorResult<>(result.records(), null, false, null);
                }, error -> null);
            }
        }
    }

    @Override
    public CompletableFuture<ShareGroupHeartbeatResponseData> heartbeat(String clientId, String clientHost,
                                                                       ShareGroupHeartbeatRequestData request) {
        if (request.groupId() == null || request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(
                    ShareGroupShard.error(Errors.INVALID_REQUEST, "GroupId can't be empty."));
        }
        return runtime.scheduleWrite(partitionFor(request.groupId()),
                (shard, future) -> shard.heartbeat(clientId, clientHost, request),
                error -> ShareGroupShard.error(error, null));
    }

    @Override
    public CompletableFuture<List<ShareGroupDescribeResponseData.DescribedGroup>> describe(List<String> groupIds) {
        return runtime.runOnEventThread(() -> {
            List<ShareGroupDescribeResponseData.DescribedGroup> described = new ArrayList<>();
            for (String groupId : groupIds) {
                int partition = partitionFor(groupId);
                ShareGroupShard shard = runtime.activeShard(partition);
                described.add(shard != null ? shard.describe(groupId)
                        : new ShareGroupDescribeResponseData.DescribedGroup().setGroupId(groupId)
                        .setErrorCode(runtime.unavailableError(partition).code()));
            }
            return described;
        });
    }

    @Override
    public CompletableFuture<List<ListGroupsResponseData.ListedGroup>> list() {
        return runtime.runOnEventThread(() -> {
            List<ListGroupsResponseData.ListedGroup> listed = new ArrayList<>();
            for (int partition = 0; partition < partitions; partition++) {
                ShareGroupShard shard = runtime.activeShard(partition);
                if (shard != null) {
                    listed.addAll(shard.list());
                }
            }
            return listed;
        });
    }

    @Override
    public CompletableFuture<GroupView> view(String groupId) {
        return runtime.scheduleRead(partitionFor(groupId), shard -> shard.view(groupId),
                error -> new GroupView(error, false, Set.of()));
    }

    @Override
    public CompletableFuture<Map<String, GroupView>> delete(List<String> groupIds) {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        groupIds.forEach(id -> byPartition.computeIfAbsent(partitionFor(id), k -> new ArrayList<>()).add(id));
        List<CompletableFuture<Map<String, GroupView>>> futures = new ArrayList<>();
        byPartition.forEach((partition, ids) -> futures.add(runtime.scheduleWrite(partition,
                (shard, future) -> shard.delete(ids), error -> {
                    Map<String, GroupView> failed = new LinkedHashMap<>();
                    ids.forEach(id -> failed.put(id, new GroupView(error, false, Set.of())));
                    return failed;
                })));
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<String, GroupView> results = new LinkedHashMap<>();
            futures.forEach(f -> results.putAll(f.join()));
            return results;
        });
    }

    @Override
    public CompletableFuture<Errors> recordTopics(String groupId, Set<Uuid> topicIds, boolean mustBeEmpty) {
        return runtime.scheduleWrite(partitionFor(groupId),
                (shard, future) -> shard.recordTopics(groupId, topicIds, mustBeEmpty), error -> error);
    }

    @Override
    public CompletableFuture<Errors> forgetTopics(String groupId, Set<Uuid> topicIds) {
        return runtime.scheduleWrite(partitionFor(groupId),
                (shard, future) -> shard.forgetTopics(groupId, topicIds), error -> error);
    }
}
