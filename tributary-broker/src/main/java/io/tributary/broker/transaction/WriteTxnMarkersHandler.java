package io.tributary.broker.transaction;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.coordinator.transaction.TransactionMarkerWriter;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarker;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarkerTopic;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerPartitionResult;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerResult;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerTopicResult;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.requests.WriteTxnMarkersResponse;

/**
 * WriteTxnMarkers, from another broker's transaction coordinator: writes each COMMIT/ABORT marker into the
 * partitions led here and answers an error per partition (NOT_LEADER_OR_FOLLOWER where leadership moved, so the
 * sender looks the leader up again). v2 markers name their transaction version (KIP-1228): a version 2 marker
 * that does not bump the producer's epoch is refused with INVALID_PRODUCER_EPOCH.
 */
public final class WriteTxnMarkersHandler implements ApiHandler<WriteTxnMarkersRequest> {

    private final TransactionMarkerWriter local;

    public WriteTxnMarkersHandler(PartitionManager partitions, GroupCoordinator groups) {
        this(new LocalTransactionMarkerWriter(partitions, groups));
    }

    WriteTxnMarkersHandler(TransactionMarkerWriter local) {
        this.local = local;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, WriteTxnMarkersRequest request) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        WriteTxnMarkersResponseData response = new WriteTxnMarkersResponseData();
        for (WritableTxnMarker marker : request.data().markers()) {
            WritableTxnMarkerResult markerResult = new WritableTxnMarkerResult().setProducerId(marker.producerId());
            response.markers().add(markerResult);
            for (WritableTxnMarkerTopic topic : marker.topics()) {
                WritableTxnMarkerTopicResult topicResult = new WritableTxnMarkerTopicResult().setName(topic.name());
                markerResult.topics().add(topicResult);
                for (int partition : topic.partitionIndexes()) {
                    WritableTxnMarkerPartitionResult result = new WritableTxnMarkerPartitionResult()
                            .setPartitionIndex(partition);
                    topicResult.partitions().add(result);
                    writes.add(local.writeMarker(new TopicPartition(topic.name(), partition), marker.producerId(),
                                    marker.producerEpoch(), marker.coordinatorEpoch(), marker.transactionResult(),
                                    transactionVersionOf(context, marker))
                            .thenAccept(error -> result.setErrorCode(error.code())));
                }
            }
        }
        // Each write fills in its own result object; the response goes out once all are in.
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> ResponseAction.send(new WriteTxnMarkersResponse(response)));
    }

    /** v2 carries the coordinator's transaction version (KIP-1228); v1 had none, which Kafka reads as 0. */
    private static short transactionVersionOf(RequestContext context, WritableTxnMarker marker) {
        return context.apiVersion() >= 2 ? marker.transactionVersion() : 0;
    }
}
