package io.tributary.server.metrics;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.network.client.NodeClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;

/**
 * High watermarks of partitions with no replica on this broker, for the consumer lag its group coordinator reports:
 * asked of their leaders with ListOffsets (latest, read_uncommitted: the high watermark, as kafka-exporter asks),
 * at most once per interval, in the background of a scrape. A scrape uses what the previous refresh learned, so the
 * lag of such a partition appears from the second scrape on.
 */
final class RemoteHighWatermarks {

    private static final long REQUEST_TIMEOUT_MS = 5_000;

    private final NodeClient client;
    private final String listener;
    private final Supplier<MetadataImage> image;
    private final LongSupplier clock;
    private final long refreshIntervalMs;
    private final Map<TopicPartition, Long> known = new ConcurrentHashMap<>();
    private final AtomicLong lastRefreshMs = new AtomicLong(Long.MIN_VALUE);

    RemoteHighWatermarks(NodeClient client, String listener, Supplier<MetadataImage> image, LongSupplier clock,
                         long refreshIntervalMs) {
        this.client = client;
        this.listener = listener;
        this.image = image;
        this.clock = clock;
        this.refreshIntervalMs = refreshIntervalMs;
    }

    /** The last high watermark learned for {@code tp}, if any. */
    Optional<Long> get(TopicPartition tp) {
        return Optional.ofNullable(known.get(tp));
    }

    /** Starts a refresh of {@code wanted} unless one started less than the interval ago; never waits for it. */
    void refresh(Set<TopicPartition> wanted) {
        long now = clock.getAsLong();
        long last = lastRefreshMs.get();
        if (wanted.isEmpty() || (last != Long.MIN_VALUE && now - last < refreshIntervalMs)
                || !lastRefreshMs.compareAndSet(last, now)) {
            return;
        }
        known.keySet().retainAll(wanted);
        MetadataImage current = image.get();
        Map<Integer, List<TopicPartition>> byLeader = new HashMap<>();
        for (TopicPartition tp : wanted) {
            current.topics().get(tp.topic()).flatMap(t -> t.partition(tp.partition()))
                    .filter(PartitionRegistration::hasLeader)
                    .ifPresent(p -> byLeader.computeIfAbsent(p.leader(), l -> new ArrayList<>()).add(tp));
        }
        byLeader.forEach((leader, partitions) -> current.brokers().get(leader)
                .flatMap(b -> b.endpoint(listener))
                .ifPresent(endpoint -> ask(endpoint, partitions)));
    }

    private void ask(BrokerRegistration.Listener endpoint, List<TopicPartition> partitions) {
        Map<String, ListOffsetsTopic> topics = new HashMap<>();
        for (TopicPartition tp : partitions) {
            topics.computeIfAbsent(tp.topic(), name -> new ListOffsetsTopic().setName(name)).partitions()
                    .add(new ListOffsetsPartition().setPartitionIndex(tp.partition())
                            .setTimestamp(ListOffsetsRequest.LATEST_TIMESTAMP));
        }
        ListOffsetsRequest request = ListOffsetsRequest.Builder
                .forConsumer(false, IsolationLevel.READ_UNCOMMITTED)
                .setTargetTimes(new ArrayList<>(topics.values()))
                .build();
        client.send(endpoint.host(), endpoint.port(), request, REQUEST_TIMEOUT_MS).whenComplete((response, error) -> {
            if (error != null) {
                return; // the next refresh asks again
            }
            for (ListOffsetsTopicResponse topic : ((ListOffsetsResponse) response).data().topics()) {
                for (ListOffsetsPartitionResponse p : topic.partitions()) {
                    if (p.errorCode() == Errors.NONE.code() && p.offset() >= 0) {
                        known.put(new TopicPartition(topic.name(), p.partitionIndex()), p.offset());
                    }
                }
            }
        });
    }
}
