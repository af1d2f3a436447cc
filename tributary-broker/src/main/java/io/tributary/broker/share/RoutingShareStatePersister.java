package io.tributary.broker.share;

import io.tributary.coordinator.share.DeliveryState;
import io.tributary.coordinator.share.SharePartitionKey;
import io.tributary.coordinator.share.SharePartitionState;
import io.tributary.coordinator.share.ShareStatePersister;
import io.tributary.coordinator.share.StateBatch;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.network.client.NodeClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.DeleteShareGroupStateRequestData;
import org.apache.kafka.common.message.InitializeShareGroupStateRequestData;
import org.apache.kafka.common.message.ReadShareGroupStateRequestData;
import org.apache.kafka.common.message.ReadShareGroupStateResponseData;
import org.apache.kafka.common.message.WriteShareGroupStateRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteShareGroupStateRequest;
import org.apache.kafka.common.requests.DeleteShareGroupStateResponse;
import org.apache.kafka.common.requests.InitializeShareGroupStateRequest;
import org.apache.kafka.common.requests.InitializeShareGroupStateResponse;
import org.apache.kafka.common.requests.ReadShareGroupStateRequest;
import org.apache.kafka.common.requests.ReadShareGroupStateResponse;
import org.apache.kafka.common.requests.WriteShareGroupStateRequest;
import org.apache.kafka.common.requests.WriteShareGroupStateResponse;

/**
 * The share-partition leader's persister in a cluster: the share coordinator of a share-partition is the leader
 * of its {@code __share_group_state} partition; when that is this broker the local coordinator answers, otherwise
 * the state goes over the inter-broker listener as Kafka's Read/Write/Initialize/DeleteShareGroupState. Every
 * failure is answered as an error (NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, NETWORK_EXCEPTION): the share
 * partition is then loaded again, or the acknowledgement fails, as with Kafka.
 */
public final class RoutingShareStatePersister implements ShareStatePersister {

    private final int localBrokerId;
    private final Supplier<MetadataImage> image;
    private final ShareStatePersister local;
    private final ToIntFunction<SharePartitionKey> partitioner;
    private final NodeClient client;
    private final String interBrokerListener;
    private final long requestTimeoutMs;

    public RoutingShareStatePersister(int localBrokerId, Supplier<MetadataImage> image, ShareStatePersister local,
                                      ToIntFunction<SharePartitionKey> partitioner, NodeClient client,
                                      String interBrokerListener, long requestTimeoutMs) {
        this.localBrokerId = localBrokerId;
        this.image = image;
        this.local = local;
        this.partitioner = partitioner;
        this.client = client;
        this.interBrokerListener = interBrokerListener;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    @Override
    public CompletableFuture<ReadResult> read(SharePartitionKey key) {
        return route(key, local::read, () -> new ReadShareGroupStateRequest.Builder(
                new ReadShareGroupStateRequestData().setGroupId(key.groupId()).setTopics(List.of(
                        new ReadShareGroupStateRequestData.ReadStateData().setTopicId(key.topicId()).setPartitions(
                                List.of(new ReadShareGroupStateRequestData.PartitionData()
                                        .setPartition(key.partition()).setLeaderEpoch(-1)))))).build((short) 0),
                response -> {
                    ReadShareGroupStateResponseData.PartitionResult result = ((ReadShareGroupStateResponse) response)
                            .data().results().get(0).partitions().get(0);
                    Errors error = Errors.forCode(result.errorCode());
                    if (error == Errors.NONE && result.stateEpoch() >= 0) {
                        List<StateBatch> batches = new ArrayList<>();
                        result.stateBatches().forEach(b -> batches.add(new StateBatch(b.firstOffset(), b.lastOffset(),
                                DeliveryState.fromId(b.deliveryState()), b.deliveryCount())));
                        return new ReadResult(Errors.NONE, Optional.of(new SharePartitionState(result.stateEpoch(),
                                -1, result.startOffset(), batches)));
                    }
                    return new ReadResult(error, Optional.empty());
                }, error -> new ReadResult(error, Optional.empty()));
    }

    @Override
    public CompletableFuture<Errors> write(SharePartitionKey key, SharePartitionState state) {
        return route(key, k -> local.write(k, state), () -> {
            List<WriteShareGroupStateRequestData.StateBatch> batches = new ArrayList<>();
            state.batches().forEach(b -> batches.add(new WriteShareGroupStateRequestData.StateBatch()
                    .setFirstOffset(b.firstOffset()).setLastOffset(b.lastOffset())
                    .setDeliveryState(b.state().id()).setDeliveryCount(b.deliveryCount())));
            return new WriteShareGroupStateRequest.Builder(new WriteShareGroupStateRequestData()
                    .setGroupId(key.groupId()).setTopics(List.of(new WriteShareGroupStateRequestData.WriteStateData()
                            .setTopicId(key.topicId()).setPartitions(List.of(
                                    new WriteShareGroupStateRequestData.PartitionData().setPartition(key.partition())
                                            .setStateEpoch(state.stateEpoch()).setLeaderEpoch(state.leaderEpoch())
                                            .setStartOffset(state.startOffset()).setStateBatches(batches))))))
                    .build((short) 0);
        }, response -> Errors.forCode(((WriteShareGroupStateResponse) response).data().results().get(0)
                .partitions().get(0).errorCode()), Function.identity());
    }

    @Override
    public CompletableFuture<Errors> resetStartOffset(SharePartitionKey key, long startOffset) {
        return route(key, k -> local.resetStartOffset(k, startOffset),
                () -> new InitializeShareGroupStateRequest.Builder(new InitializeShareGroupStateRequestData()
                        .setGroupId(key.groupId()).setTopics(List.of(
                                new InitializeShareGroupStateRequestData.InitializeStateData().setTopicId(key.topicId())
                                        .setPartitions(List.of(new InitializeShareGroupStateRequestData.PartitionData()
                                                .setPartition(key.partition()).setStateEpoch(-1)
                                                .setStartOffset(startOffset)))))).build((short) 0),
                response -> Errors.forCode(((InitializeShareGroupStateResponse) response).data().results().get(0)
                        .partitions().get(0).errorCode()), Function.identity());
    }

    @Override
    public CompletableFuture<Errors> delete(SharePartitionKey key) {
        return route(key, local::delete, () -> new DeleteShareGroupStateRequest.Builder(
                new DeleteShareGroupStateRequestData().setGroupId(key.groupId()).setTopics(List.of(
                        new DeleteShareGroupStateRequestData.DeleteStateData().setTopicId(key.topicId())
                                .setPartitions(List.of(new DeleteShareGroupStateRequestData.PartitionData()
                                        .setPartition(key.partition())))))).build((short) 0),
                response -> Errors.forCode(((DeleteShareGroupStateResponse) response).data().results().get(0)
                        .partitions().get(0).errorCode()), Function.identity());
    }

    private <T> CompletableFuture<T> route(SharePartitionKey key, Function<SharePartitionKey, CompletableFuture<T>> here,
                                           Supplier<AbstractRequest> request,
                                           Function<AbstractResponse, T> answer, Function<Errors, T> error) {
        MetadataImage current = image.get();
        int partition = partitioner.applyAsInt(key);
        int leader = current.topics().get(Topic.SHARE_GROUP_STATE_TOPIC_NAME).flatMap(t -> t.partition(partition))
                .map(PartitionRegistration::leader).orElse(PartitionRegistration.NO_LEADER);
        if (leader == localBrokerId) {
            return here.apply(key);
        }
        Optional<BrokerRegistration.Listener> endpoint = leader == PartitionRegistration.NO_LEADER ? Optional.empty()
                : current.brokers().get(leader).flatMap(b -> b.endpoint(interBrokerListener));
        if (endpoint.isEmpty()) {
            return CompletableFuture.completedFuture(error.apply(Errors.COORDINATOR_NOT_AVAILABLE));
        }
        return client.send(endpoint.get().host(), endpoint.get().port(), request.get(), requestTimeoutMs)
                .handle((response, failure) -> {
                    if (failure == null) {
                        try {
                            return answer.apply(response);
                        } catch (RuntimeException e) {
                            return error.apply(Errors.UNKNOWN_SERVER_ERROR);
                        }
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    return error.apply(cause instanceof DisconnectException ? Errors.NETWORK_EXCEPTION
                            : Errors.forException(cause));
                });
    }
}
