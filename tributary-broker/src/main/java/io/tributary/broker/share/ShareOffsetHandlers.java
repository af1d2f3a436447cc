package io.tributary.broker.share;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.coordinator.share.ShareGroupCoordinator;
import io.tributary.coordinator.share.SharePartitionKey;
import io.tributary.coordinator.share.SharePartitionState;
import io.tributary.coordinator.share.ShareStatePersister;
import io.tributary.coordinator.share.StateBatch;
import io.tributary.metadata.image.TopicImage;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.message.AlterShareGroupOffsetsRequestData;
import org.apache.kafka.common.message.AlterShareGroupOffsetsResponseData;
import org.apache.kafka.common.message.AlterShareGroupOffsetsResponseData.AlterShareGroupOffsetsResponsePartition;
import org.apache.kafka.common.message.AlterShareGroupOffsetsResponseData.AlterShareGroupOffsetsResponseTopic;
import org.apache.kafka.common.message.DeleteShareGroupOffsetsRequestData;
import org.apache.kafka.common.message.DeleteShareGroupOffsetsResponseData;
import org.apache.kafka.common.message.DeleteShareGroupOffsetsResponseData.DeleteShareGroupOffsetsResponseTopic;
import org.apache.kafka.common.message.DescribeShareGroupOffsetsRequestData.DescribeShareGroupOffsetsRequestGroup;
import org.apache.kafka.common.message.DescribeShareGroupOffsetsRequestData.DescribeShareGroupOffsetsRequestTopic;
import org.apache.kafka.common.message.DescribeShareGroupOffsetsResponseData;
import org.apache.kafka.common.message.DescribeShareGroupOffsetsResponseData.DescribeShareGroupOffsetsResponseGroup;
import org.apache.kafka.common.message.DescribeShareGroupOffsetsResponseData.DescribeShareGroupOffsetsResponsePartition;
import org.apache.kafka.common.message.DescribeShareGroupOffsetsResponseData.DescribeShareGroupOffsetsResponseTopic;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AlterShareGroupOffsetsRequest;
import org.apache.kafka.common.requests.AlterShareGroupOffsetsResponse;
import org.apache.kafka.common.requests.DeleteShareGroupOffsetsRequest;
import org.apache.kafka.common.requests.DeleteShareGroupOffsetsResponse;
import org.apache.kafka.common.requests.DescribeShareGroupOffsetsRequest;
import org.apache.kafka.common.requests.DescribeShareGroupOffsetsResponse;

/**
 * The share group offset APIs: DescribeShareGroupOffsets (v0-1, v1 with lag), AlterShareGroupOffsets and
 * DeleteShareGroupOffsets (both only while the group has no members, NON_EMPTY_GROUP otherwise, as Kafka). A
 * share group's offset of a partition is its share-partition start offset.
 */
final class ShareOffsetHandlers {

    private final ShareGroupCoordinator coordinator;
    private final ShareStatePersister persister;
    private final SharePartitionManager manager;
    private final PartitionManager partitions;
    private final TopicLookup topics;
    private final ShareAccess access;

    ShareOffsetHandlers(ShareGroupCoordinator coordinator, ShareStatePersister persister,
                        SharePartitionManager manager, PartitionManager partitions, TopicLookup topics,
                        ShareAccess access) {
        this.access = access;
        this.coordinator = coordinator;
        this.persister = persister;
        this.manager = manager;
        this.partitions = partitions;
        this.topics = topics;
    }

    ApiHandler<DescribeShareGroupOffsetsRequest> describe() {
        return (ctx, request) -> {
            List<CompletableFuture<DescribeShareGroupOffsetsResponseGroup>> groups = new ArrayList<>();
            request.data().groups().forEach(group -> groups.add(
                    !access.group(ctx, AclOperation.DESCRIBE, group.groupId())
                            ? CompletableFuture.completedFuture(new DescribeShareGroupOffsetsResponseGroup()
                                    .setGroupId(group.groupId())
                                    .setErrorCode(Errors.GROUP_AUTHORIZATION_FAILED.code())
                                    .setErrorMessage(Errors.GROUP_AUTHORIZATION_FAILED.message()))
                            : describeAuthorized(ctx, group, ctx.apiVersion() >= 1)));
            return CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new)).thenApply(ignored ->
                    ResponseAction.send(new DescribeShareGroupOffsetsResponse(
                            new DescribeShareGroupOffsetsResponseData().setGroups(
                                    groups.stream().map(CompletableFuture::join).toList()))));
        };
    }

    /**
     * As Kafka: topics the principal may not DESCRIBE are left out of an all-topics describe, and answered
     * TOPIC_AUTHORIZATION_FAILED when asked for by name.
     */
    private CompletableFuture<DescribeShareGroupOffsetsResponseGroup> describeAuthorized(
            RequestContext ctx, DescribeShareGroupOffsetsRequestGroup request, boolean withLag) {
        if (!access.enabled()) {
            return describeGroup(request, withLag);
        }
        if (request.topics() == null) {
            return describeGroup(request, withLag).thenApply(group -> {
                group.topics().removeIf(t -> !access.topic(ctx, AclOperation.DESCRIBE, t.topicName()));
                return group;
            });
        }
        List<DescribeShareGroupOffsetsRequestTopic> allowed = new ArrayList<>();
        List<DescribeShareGroupOffsetsResponseTopic> refused = new ArrayList<>();
        for (DescribeShareGroupOffsetsRequestTopic topic : request.topics()) {
            if (access.topic(ctx, AclOperation.DESCRIBE, topic.topicName())) {
                allowed.add(topic);
                continue;
            }
            DescribeShareGroupOffsetsResponseTopic result = new DescribeShareGroupOffsetsResponseTopic()
                    .setTopicName(topic.topicName()).setTopicId(Uuid.ZERO_UUID);
            topic.partitions().forEach(p -> result.partitions().add(new DescribeShareGroupOffsetsResponsePartition()
                    .setPartitionIndex(p).setStartOffset(-1).setLeaderEpoch(-1).setLag(-1)
                    .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())
                    .setErrorMessage(Errors.TOPIC_AUTHORIZATION_FAILED.message())));
            refused.add(result);
        }
        if (refused.isEmpty()) {
            return describeGroup(request, withLag);
        }
        DescribeShareGroupOffsetsRequestGroup narrowed = new DescribeShareGroupOffsetsRequestGroup()
                .setGroupId(request.groupId()).setTopics(allowed);
        return describeGroup(narrowed, withLag).thenApply(group -> {
            if (group.errorCode() == Errors.NONE.code()) {
                group.topics().addAll(refused);
            }
            return group;
        });
    }

    private CompletableFuture<DescribeShareGroupOffsetsResponseGroup> describeGroup(
            DescribeShareGroupOffsetsRequestGroup request, boolean withLag) {
        return coordinator.view(request.groupId()).thenCompose(view -> {
            DescribeShareGroupOffsetsResponseGroup group = new DescribeShareGroupOffsetsResponseGroup()
                    .setGroupId(request.groupId());
            if (view.error() != Errors.NONE) {
                return CompletableFuture.completedFuture(group.setErrorCode(view.error().code())
                        .setErrorMessage(view.error().message()));
            }
            List<DescribeShareGroupOffsetsRequestTopic> wanted = request.topics();
            if (wanted == null) { // every topic the group has state for
                wanted = new ArrayList<>();
                for (Uuid topicId : view.topicIds()) {
                    Optional<TopicImage> topic = topics.byId(topicId);
                    if (topic.isPresent()) {
                        List<Integer> all = new ArrayList<>();
                        for (int p = 0; p < topic.get().numPartitions(); p++) {
                            all.add(p);
                        }
                        wanted.add(new DescribeShareGroupOffsetsRequestTopic().setTopicName(topic.get().name())
                                .setPartitions(all));
                    }
                }
            }
            List<CompletableFuture<?>> reads = new ArrayList<>();
            for (DescribeShareGroupOffsetsRequestTopic wantedTopic : wanted) {
                Optional<TopicImage> topic = topics.byName(wantedTopic.topicName());
                DescribeShareGroupOffsetsResponseTopic topicResult = new DescribeShareGroupOffsetsResponseTopic()
                        .setTopicName(wantedTopic.topicName())
                        .setTopicId(topic.map(TopicImage::id).orElse(Uuid.ZERO_UUID));
                group.topics().add(topicResult);
                for (int p : wantedTopic.partitions()) {
                    DescribeShareGroupOffsetsResponsePartition partition =
                            new DescribeShareGroupOffsetsResponsePartition().setPartitionIndex(p).setStartOffset(-1)
                                    .setLeaderEpoch(-1).setLag(-1);
                    topicResult.partitions().add(partition);
                    if (topic.isEmpty() || topic.get().partition(p).isEmpty()) {
                        partition.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                                .setErrorMessage(Errors.UNKNOWN_TOPIC_OR_PARTITION.message());
                        continue;
                    }
                    SharePartitionKey key = new SharePartitionKey(request.groupId(), topic.get().id(), p);
                    TopicPartition tp = new TopicPartition(topic.get().name(), p);
                    reads.add(persister.read(key).thenAccept(read -> {
                        if (read.error() != Errors.NONE) {
                            partition.setErrorCode(read.error().code()).setErrorMessage(read.error().message());
                        } else {
                            read.state().ifPresent(state -> {
                                partition.setStartOffset(state.startOffset()).setLeaderEpoch(state.leaderEpoch());
                                if (withLag) {
                                    partition.setLag(lag(tp, state));
                                }
                            });
                        }
                    }));
                }
            }
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(ignored -> group);
        });
    }

    /**
     * Records not yet delivered to completion: from the start offset to the high watermark, less those already
     * acknowledged or archived past the start. -1 when the partition is not led here.
     */
    private long lag(TopicPartition tp, SharePartitionState state) {
        Optional<Partition> partition = partitions.get(tp).filter(Partition::isLeader);
        if (partition.isEmpty()) {
            return -1;
        }
        long done = 0;
        for (StateBatch batch : state.batches()) {
            if (batch.state().isTerminal()) {
                done += batch.lastOffset() - Math.max(batch.firstOffset(), state.startOffset()) + 1;
            }
        }
        return Math.max(0, partition.get().highWatermark() - state.startOffset() - done);
    }

    ApiHandler<AlterShareGroupOffsetsRequest> alter() {
        return (ctx, request) -> {
            AlterShareGroupOffsetsRequestData data = request.data();
            // As Kafka: READ on the group; topics the principal may not READ are answered TOPIC_AUTHORIZATION_FAILED.
            if (!access.group(ctx, AclOperation.READ, data.groupId())) {
                return CompletableFuture.completedFuture(ResponseAction.send(
                        request.getErrorResponse(Errors.GROUP_AUTHORIZATION_FAILED.exception())));
            }
            Set<String> denied = new HashSet<>();
            if (access.enabled()) {
                data.topics().forEach(t -> {
                    if (!access.topic(ctx, AclOperation.READ, t.topicName())) {
                        denied.add(t.topicName());
                    }
                });
            }
            AlterShareGroupOffsetsResponseData response = new AlterShareGroupOffsetsResponseData();
            Set<Uuid> topicIds = new HashSet<>();
            data.topics().forEach(t -> {
                if (!denied.contains(t.topicName())) {
                    topics.byName(t.topicName()).ifPresent(image -> topicIds.add(image.id()));
                }
            });
            return coordinator.recordTopics(data.groupId(), topicIds, true).thenCompose(error -> {
                if (error != Errors.NONE) {
                    return CompletableFuture.completedFuture(ResponseAction.send(new AlterShareGroupOffsetsResponse(
                            response.setErrorCode(error.code()).setErrorMessage(error.message()))));
                }
                List<CompletableFuture<?>> writes = new ArrayList<>();
                for (AlterShareGroupOffsetsRequestData.AlterShareGroupOffsetsRequestTopic topic : data.topics()) {
                    Optional<TopicImage> image = topics.byName(topic.topicName());
                    AlterShareGroupOffsetsResponseTopic topicResult = new AlterShareGroupOffsetsResponseTopic()
                            .setTopicName(topic.topicName()).setTopicId(image.map(TopicImage::id).orElse(Uuid.ZERO_UUID));
                    response.responses().add(topicResult);
                    for (var p : topic.partitions()) {
                        AlterShareGroupOffsetsResponsePartition partition = new AlterShareGroupOffsetsResponsePartition()
                                .setPartitionIndex(p.partitionIndex());
                        topicResult.partitions().add(partition);
                        if (denied.contains(topic.topicName())) {
                            partition.setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())
                                    .setErrorMessage(Errors.TOPIC_AUTHORIZATION_FAILED.message());
                            continue;
                        }
                        if (image.isEmpty() || image.get().partition(p.partitionIndex()).isEmpty()) {
                            partition.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                                    .setErrorMessage(Errors.UNKNOWN_TOPIC_OR_PARTITION.message());
                            continue;
                        }
                        SharePartitionKey key = new SharePartitionKey(data.groupId(), image.get().id(),
                                p.partitionIndex());
                        manager.forget(key);
                        writes.add(persister.resetStartOffset(key, p.startOffset()).thenAccept(e -> {
                            manager.forget(key); // drop whatever loaded meanwhile: it holds the old state
                            partition.setErrorCode(e.code()).setErrorMessage(e == Errors.NONE ? null : e.message());
                        }));
                    }
                }
                return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(ignored ->
                        ResponseAction.send(new AlterShareGroupOffsetsResponse(response)));
            });
        };
    }

    ApiHandler<DeleteShareGroupOffsetsRequest> delete(ShareGroupHandlers groups) {
        return (ctx, request) -> {
            DeleteShareGroupOffsetsRequestData data = request.data();
            // As Kafka: DELETE on the group; topics the principal may not READ are answered TOPIC_AUTHORIZATION_FAILED.
            if (!access.group(ctx, AclOperation.DELETE, data.groupId())) {
                return CompletableFuture.completedFuture(ResponseAction.send(
                        request.getErrorResponse(Errors.GROUP_AUTHORIZATION_FAILED.exception())));
            }
            DeleteShareGroupOffsetsResponseData response = new DeleteShareGroupOffsetsResponseData();
            return coordinator.view(data.groupId()).thenCompose(view -> {
                if (view.error() != Errors.NONE || view.hasMembers()) {
                    Errors error = view.error() != Errors.NONE ? view.error() : Errors.NON_EMPTY_GROUP;
                    return CompletableFuture.completedFuture(ResponseAction.send(new DeleteShareGroupOffsetsResponse(
                            response.setErrorCode(error.code()).setErrorMessage(error.message()))));
                }
                Set<Uuid> deleted = new HashSet<>();
                for (DeleteShareGroupOffsetsRequestData.DeleteShareGroupOffsetsRequestTopic topic : data.topics()) {
                    Optional<TopicImage> image = topics.byName(topic.topicName());
                    DeleteShareGroupOffsetsResponseTopic result = new DeleteShareGroupOffsetsResponseTopic()
                            .setTopicName(topic.topicName()).setTopicId(image.map(TopicImage::id).orElse(Uuid.ZERO_UUID));
                    if (access.enabled() && !access.topic(ctx, AclOperation.READ, topic.topicName())) {
                        result.setTopicId(Uuid.ZERO_UUID).setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())
                                .setErrorMessage(Errors.TOPIC_AUTHORIZATION_FAILED.message());
                    } else if (image.isEmpty()) {
                        result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                                .setErrorMessage(Errors.UNKNOWN_TOPIC_OR_PARTITION.message());
                    } else {
                        deleted.add(image.get().id());
                    }
                    response.responses().add(result);
                }
                return groups.deleteStates(data.groupId(), deleted)
                        .thenCompose(ignored -> coordinator.forgetTopics(data.groupId(), deleted))
                        .thenApply(error -> ResponseAction.send(new DeleteShareGroupOffsetsResponse(
                                error == Errors.NONE ? response
                                        : response.setErrorCode(error.code()).setErrorMessage(error.message()))));
            });
        };
    }
}
