package io.tributary.broker.transaction;

import io.tributary.coordinator.transaction.TransactionMarkerWriter;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.network.client.NodeClient;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarker;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarkerTopic;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerPartitionResult;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerResult;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.requests.WriteTxnMarkersResponse;

/**
 * The transaction coordinator's marker writer in a cluster: looks the partition's leader up in the current image
 * and writes the marker locally when this broker leads it, otherwise sends WriteTxnMarkers to the leader. Every
 * failure is answered as an error; the retriable ones (no leader yet, leadership moved, lost connection) are
 * retried by the coordinator after a backoff, each retry looking the leader up afresh.
 */
public final class RoutingTransactionMarkerWriter implements TransactionMarkerWriter {

    private static final short WRITE_TXN_MARKERS_VERSION = 1;

    private final int localBrokerId;
    private final Supplier<MetadataImage> image;
    private final TransactionMarkerWriter local;
    private final NodeClient client;
    private final String interBrokerListener;
    private final long requestTimeoutMs;

    public RoutingTransactionMarkerWriter(int localBrokerId, Supplier<MetadataImage> image,
                                          TransactionMarkerWriter local, NodeClient client,
                                          String interBrokerListener, long requestTimeoutMs) {
        this.localBrokerId = localBrokerId;
        this.image = image;
        this.local = local;
        this.client = client;
        this.interBrokerListener = interBrokerListener;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    @Override
    public CompletableFuture<Errors> writeMarker(TopicPartition partition, long producerId, short producerEpoch,
                                                 int coordinatorEpoch, boolean commit) {
        MetadataImage current = image.get();
        Optional<PartitionRegistration> registration = current.topics().get(partition.topic())
                .flatMap(t -> t.partition(partition.partition()));
        if (registration.isEmpty()) {
            return CompletableFuture.completedFuture(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        }
        int leader = registration.get().leader();
        if (leader == localBrokerId) {
            return local.writeMarker(partition, producerId, producerEpoch, coordinatorEpoch, commit);
        }
        Optional<BrokerRegistration.Listener> endpoint = leader == PartitionRegistration.NO_LEADER
                ? Optional.empty()
                : current.brokers().get(leader).flatMap(b -> b.endpoint(interBrokerListener));
        if (endpoint.isEmpty()) {
            return CompletableFuture.completedFuture(Errors.LEADER_NOT_AVAILABLE);
        }
        WriteTxnMarkersRequest request = new WriteTxnMarkersRequest.Builder(new WriteTxnMarkersRequestData()
                .setMarkers(List.of(new WritableTxnMarker()
                        .setProducerId(producerId)
                        .setProducerEpoch(producerEpoch)
                        .setCoordinatorEpoch(coordinatorEpoch)
                        .setTransactionResult(commit)
                        .setTopics(List.of(new WritableTxnMarkerTopic()
                                .setName(partition.topic())
                                .setPartitionIndexes(List.of(partition.partition())))))))
                .build(WRITE_TXN_MARKERS_VERSION);
        return client.send(endpoint.get().host(), endpoint.get().port(), request, requestTimeoutMs)
                .handle((response, error) -> error != null ? errorOf(unwrap(error))
                        : errorOf((WriteTxnMarkersResponse) response, producerId, partition));
    }

    private static Errors errorOf(WriteTxnMarkersResponse response, long producerId, TopicPartition partition) {
        for (WritableTxnMarkerResult marker : response.data().markers()) {
            if (marker.producerId() != producerId) {
                continue;
            }
            for (WritableTxnMarkerTopicResult topic : marker.topics()) {
                if (!topic.name().equals(partition.topic())) {
                    continue;
                }
                for (WritableTxnMarkerPartitionResult result : topic.partitions()) {
                    if (result.partitionIndex() == partition.partition()) {
                        return Errors.forCode(result.errorCode());
                    }
                }
            }
        }
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    // Kafka maps a DisconnectException to UNKNOWN_SERVER_ERROR; a lost connection is worth retrying.
    private static Errors errorOf(Throwable failure) {
        return failure instanceof DisconnectException ? Errors.NETWORK_EXCEPTION : Errors.forException(failure);
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
