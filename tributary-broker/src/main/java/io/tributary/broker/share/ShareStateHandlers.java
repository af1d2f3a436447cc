package io.tributary.broker.share;

import io.tributary.broker.api.ApiHandler;
import io.tributary.coordinator.share.SharePartitionKey;
import io.tributary.coordinator.share.SharePartitionState;
import io.tributary.coordinator.share.ShareStatePersister;
import io.tributary.coordinator.share.StateBatch;
import io.tributary.coordinator.share.DeliveryState;
import io.tributary.network.ResponseAction;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.DeleteShareGroupStateResponseData;
import org.apache.kafka.common.message.InitializeShareGroupStateResponseData;
import org.apache.kafka.common.message.ReadShareGroupStateResponseData;
import org.apache.kafka.common.message.WriteShareGroupStateResponseData;
import org.apache.kafka.common.requests.DeleteShareGroupStateRequest;
import org.apache.kafka.common.requests.DeleteShareGroupStateResponse;
import org.apache.kafka.common.requests.InitializeShareGroupStateRequest;
import org.apache.kafka.common.requests.InitializeShareGroupStateResponse;
import org.apache.kafka.common.requests.ReadShareGroupStateRequest;
import org.apache.kafka.common.requests.ReadShareGroupStateResponse;
import org.apache.kafka.common.requests.WriteShareGroupStateRequest;
import org.apache.kafka.common.requests.WriteShareGroupStateResponse;

/**
 * The share coordinator's side of the inter-broker share state APIs (Read/Write/Initialize/DeleteShareGroupState,
 * sent by {@link RoutingShareStatePersister}): one share-partition per request, answered by the local share
 * coordinator (NOT_COORDINATOR when its partition is not led here). A write replaces the whole state.
 */
public final class ShareStateHandlers {

    private final ShareStatePersister coordinator;

    public ShareStateHandlers(ShareStatePersister coordinator) {
        this.coordinator = coordinator;
    }

    public ApiHandler<ReadShareGroupStateRequest> read() {
        return (ctx, request) -> {
            var data = request.data();
            var topic = data.topics().get(0);
            int partition = topic.partitions().get(0).partition();
            return coordinator.read(new SharePartitionKey(data.groupId(), topic.topicId(), partition))
                    .thenApply(result -> {
                        var out = new ReadShareGroupStateResponseData.PartitionResult().setPartition(partition)
                                .setErrorCode(result.error().code()).setStateEpoch(-1).setStartOffset(-1);
                        result.state().ifPresent(state -> {
                            out.setStateEpoch(state.stateEpoch()).setStartOffset(state.startOffset());
                            state.batches().forEach(b -> out.stateBatches().add(
                                    new ReadShareGroupStateResponseData.StateBatch().setFirstOffset(b.firstOffset())
                                            .setLastOffset(b.lastOffset()).setDeliveryState(b.state().id())
                                            .setDeliveryCount(b.deliveryCount())));
                        });
                        return ResponseAction.send(new ReadShareGroupStateResponse(new ReadShareGroupStateResponseData()
                                .setResults(List.of(new ReadShareGroupStateResponseData.ReadStateResult()
                                        .setTopicId(topic.topicId()).setPartitions(List.of(out))))));
                    });
        };
    }

    public ApiHandler<WriteShareGroupStateRequest> write() {
        return (ctx, request) -> {
            var data = request.data();
            var topic = data.topics().get(0);
            var p = topic.partitions().get(0);
            List<StateBatch> batches = new ArrayList<>();
            p.stateBatches().forEach(b -> batches.add(new StateBatch(b.firstOffset(), b.lastOffset(),
                    DeliveryState.fromId(b.deliveryState()), b.deliveryCount())));
            SharePartitionKey key = new SharePartitionKey(data.groupId(), topic.topicId(), p.partition());
            return coordinator.write(key, new SharePartitionState(p.stateEpoch(), p.leaderEpoch(), p.startOffset(),
                    batches)).thenApply(error -> {
                        var result = new WriteShareGroupStateResponseData.WriteStateResult()
                                .setTopicId(topic.topicId()).setPartitions(List.of(
                                        new WriteShareGroupStateResponseData.PartitionResult()
                                                .setPartition(p.partition()).setErrorCode(error.code())));
                        return ResponseAction.send(new WriteShareGroupStateResponse(
                                new WriteShareGroupStateResponseData().setResults(List.of(result))));
                    });
        };
    }

    public ApiHandler<InitializeShareGroupStateRequest> initialize() {
        return (ctx, request) -> {
            var data = request.data();
            var topic = data.topics().get(0);
            var p = topic.partitions().get(0);
            SharePartitionKey key = new SharePartitionKey(data.groupId(), topic.topicId(), p.partition());
            return coordinator.resetStartOffset(key, p.startOffset()).thenApply(error -> {
                var result = new InitializeShareGroupStateResponseData.InitializeStateResult()
                        .setTopicId(topic.topicId()).setPartitions(List.of(
                                new InitializeShareGroupStateResponseData.PartitionResult()
                                        .setPartition(p.partition()).setErrorCode(error.code())));
                return ResponseAction.send(new InitializeShareGroupStateResponse(
                        new InitializeShareGroupStateResponseData().setResults(List.of(result))));
            });
        };
    }

    public ApiHandler<DeleteShareGroupStateRequest> delete() {
        return (ctx, request) -> {
            var data = request.data();
            var topic = data.topics().get(0);
            int partition = topic.partitions().get(0).partition();
            SharePartitionKey key = new SharePartitionKey(data.groupId(), topic.topicId(), partition);
            return coordinator.delete(key).thenApply(error -> {
                var result = new DeleteShareGroupStateResponseData.DeleteStateResult()
                        .setTopicId(topic.topicId()).setPartitions(List.of(
                                new DeleteShareGroupStateResponseData.PartitionResult()
                                        .setPartition(partition).setErrorCode(error.code())));
                return ResponseAction.send(new DeleteShareGroupStateResponse(
                        new DeleteShareGroupStateResponseData().setResults(List.of(result))));
            });
        };
    }
}
