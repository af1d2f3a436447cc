package io.tributary.broker.transaction;

import io.tributary.broker.singleflight.SingleFlightSender;
import io.tributary.coordinator.transaction.TransactionMarkerWriter;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.network.client.NodeClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
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
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.requests.WriteTxnMarkersResponse;

/**
 * The transaction coordinator's marker writer in a cluster: looks the partition's leader up in the current image
 * and writes the marker locally when this broker leads it, otherwise sends WriteTxnMarkers to the leader. Every
 * failure is answered as an error; the retriable ones (no leader yet, leadership moved, lost connection) are
 * retried by the coordinator after a backoff, each retry looking the leader up afresh. Markers for the same leader
 * are batched: one WriteTxnMarkers request in flight per leader, the markers queued meanwhile sent together next.
 */
public final class RoutingTransactionMarkerWriter implements TransactionMarkerWriter {

    /** v2 (KIP-1228) names each marker's transaction version; every Tributary broker accepts it. */
    private static final short WRITE_TXN_MARKERS_VERSION = 2;

    private final int localBrokerId;
    private final Supplier<MetadataImage> image;
    private final TransactionMarkerWriter local;
    private final NodeClient client;
    private final String interBrokerListener;
    private final long requestTimeoutMs;
    private final Map<Integer, Destination> destinations = new ConcurrentHashMap<>();

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
                                                 int coordinatorEpoch, boolean commit, short transactionVersion) {
        MetadataImage current = image.get();
        Optional<PartitionRegistration> registration = current.topics().get(partition.topic())
                .flatMap(t -> t.partition(partition.partition()));
        if (registration.isEmpty()) {
            return CompletableFuture.completedFuture(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        }
        int leader = registration.get().leader();
        if (leader == localBrokerId) {
            return local.writeMarker(partition, producerId, producerEpoch, coordinatorEpoch, commit,
                    transactionVersion);
        }
        Optional<BrokerRegistration.Listener> endpoint = leader == PartitionRegistration.NO_LEADER
                ? Optional.empty()
                : current.brokers().get(leader).flatMap(b -> b.endpoint(interBrokerListener));
        if (endpoint.isEmpty()) {
            return CompletableFuture.completedFuture(Errors.LEADER_NOT_AVAILABLE);
        }
        return destinations.computeIfAbsent(leader, Destination::new)
                .enqueue(new PendingMarker(partition, producerId, producerEpoch, coordinatorEpoch, commit,
                        transactionVersion),
                        endpoint.get());
    }

    /** One marker waiting for, or riding in, a WriteTxnMarkers request to its partition's leader. */
    private record PendingMarker(TopicPartition partition, long producerId, short producerEpoch,
                                 int coordinatorEpoch, boolean commit, short transactionVersion) {
    }

    /** What one WritableTxnMarker of a request carries: the transaction outcome its partitions share. */
    private record MarkerKey(long producerId, short producerEpoch, int coordinatorEpoch, boolean commit,
                             short transactionVersion) {
    }

    /**
     * The markers for one leader, as Kafka's TransactionMarkerChannelManager sends them: one request in flight per
     * leader, and what queued meanwhile (other partitions, other transactions) goes in the next request together.
     */
    private final class Destination {
        private final int brokerId;
        /** Guarded by the sender; the same marker asked for twice (a coordinator retry) shares one entry. */
        private final Map<PendingMarker, CompletableFuture<Errors>> queued = new LinkedHashMap<>();
        /** Guarded by the sender. */
        private BrokerRegistration.Listener endpoint;
        private final SingleFlightSender<MarkerBatch, AbstractResponse> sender =
                new SingleFlightSender<>(this::takeQueued, this::sendBatch, this::answered);

        Destination(int brokerId) {
            this.brokerId = brokerId;
        }

        CompletableFuture<Errors> enqueue(PendingMarker marker, BrokerRegistration.Listener latestEndpoint) {
            return sender.enqueue(() -> {
                endpoint = latestEndpoint;
                return queued.computeIfAbsent(marker, m -> new CompletableFuture<>());
            });
        }

        private MarkerBatch takeQueued() {
            if (queued.isEmpty()) {
                return null;
            }
            MarkerBatch batch = new MarkerBatch(new LinkedHashMap<>(queued), endpoint);
            queued.clear();
            return batch;
        }

        private CompletableFuture<AbstractResponse> sendBatch(MarkerBatch batch) {
            return client.send(batch.target().host(), batch.target().port(), requestFor(batch.markers().keySet()),
                    requestTimeoutMs);
        }

        private void answered(MarkerBatch batch, AbstractResponse response, Throwable error) {
            batch.markers().forEach((marker, future) -> future.complete(error != null ? errorOf(unwrap(error))
                    : errorOf((WriteTxnMarkersResponse) response, marker)));
        }

        @Override
        public String toString() {
            return "markers for broker " + brokerId;
        }
    }

    /** The markers of one request and the leader's endpoint they go to. */
    private record MarkerBatch(Map<PendingMarker, CompletableFuture<Errors>> markers,
                               BrokerRegistration.Listener target) {
    }

    private static WriteTxnMarkersRequest requestFor(Collection<PendingMarker> markers) {
        Map<MarkerKey, Map<String, List<Integer>>> grouped = new LinkedHashMap<>();
        for (PendingMarker m : markers) {
            grouped.computeIfAbsent(new MarkerKey(m.producerId(), m.producerEpoch(), m.coordinatorEpoch(), m.commit(),
                            m.transactionVersion()),
                            k -> new LinkedHashMap<>())
                    .computeIfAbsent(m.partition().topic(), t -> new ArrayList<>()).add(m.partition().partition());
        }
        List<WritableTxnMarker> written = new ArrayList<>(grouped.size());
        grouped.forEach((key, topics) -> {
            List<WritableTxnMarkerTopic> writableTopics = new ArrayList<>(topics.size());
            topics.forEach((name, partitions) -> writableTopics.add(new WritableTxnMarkerTopic()
                    .setName(name).setPartitionIndexes(partitions)));
            written.add(new WritableTxnMarker().setProducerId(key.producerId()).setProducerEpoch(key.producerEpoch())
                    .setCoordinatorEpoch(key.coordinatorEpoch()).setTransactionResult(key.commit())
                    .setTransactionVersion((byte) key.transactionVersion()).setTopics(writableTopics));
        });
        return new WriteTxnMarkersRequest.Builder(new WriteTxnMarkersRequestData().setMarkers(written))
                .build(WRITE_TXN_MARKERS_VERSION);
    }

    private static Errors errorOf(WriteTxnMarkersResponse response, PendingMarker pending) {
        TopicPartition partition = pending.partition();
        for (WritableTxnMarkerResult marker : response.data().markers()) {
            if (marker.producerId() != pending.producerId()) {
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
