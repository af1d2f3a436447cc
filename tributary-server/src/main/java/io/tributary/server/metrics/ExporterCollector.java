package io.tributary.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.coordinator.group.GroupOverview;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kafka-exporter's metrics, served by the broker itself: consumer group offsets, lag and members from the group
 * coordinator's memory, partition offsets from the partitions' own counters (no log read), topic and broker facts
 * from the metadata image. Each number comes from one node only, so sums over a cluster count it once: a group from
 * its coordinator, a partition from its leader, topic and broker counts from the active controller.
 */
public final class ExporterCollector implements MultiCollector {

    private static final Logger LOG = LoggerFactory.getLogger(ExporterCollector.class);
    private static final long GROUPS_TIMEOUT_MS = 5_000;

    private final int nodeId;
    private final PartitionManager partitions;
    private final Supplier<MetadataImage> image;
    private final BooleanSupplier activeController;
    private final Supplier<CompletableFuture<List<GroupOverview>>> groups;
    private final RemoteHighWatermarks remote;

    /** @param remote where the high watermarks of partitions with no replica here come from; null on a single node */
    ExporterCollector(int nodeId, PartitionManager partitions, Supplier<MetadataImage> image,
                      BooleanSupplier activeController, Supplier<CompletableFuture<List<GroupOverview>>> groups,
                      RemoteHighWatermarks remote) {
        this.remote = remote;
        this.nodeId = nodeId;
        this.partitions = partitions;
        this.image = image;
        this.activeController = activeController;
        this.groups = groups;
    }

    @Override
    public MetricSnapshots collect() {
        Gauges gauges = new Gauges();
        MetadataImage current = image.get();
        partitionOffsets(gauges);
        if (activeController.getAsBoolean()) {
            topicsAndBrokers(gauges, current);
        }
        groupLag(gauges);
        return gauges.build();
    }

    private void partitionOffsets(Gauges gauges) {
        for (Partition partition : partitions.all()) {
            if (!partition.isLeader()) {
                continue;
            }
            TopicPartition tp = partition.topicPartition();
            Labels labels = Labels.of("topic", tp.topic(), "partition", Integer.toString(tp.partition()));
            gauges.add("kafka_topic_partition_current_offset", "Newest offset of a partition (high watermark)",
                    labels, partition.highWatermark());
            gauges.add("kafka_topic_partition_oldest_offset", "Oldest offset of a partition (log start)",
                    labels, partition.logStartOffset());
        }
        // Replica facts from the image, for the partitions this broker leads.
        for (TopicImage topic : image.get().topics().all()) {
            topic.partitions().forEach((index, registration) -> {
                if (registration.leader() != nodeId) {
                    return;
                }
                Labels labels = Labels.of("topic", topic.name(), "partition", Integer.toString(index));
                replicaFacts(gauges, labels, registration);
            });
        }
    }

    private static void replicaFacts(Gauges gauges, Labels labels, PartitionRegistration registration) {
        int[] replicas = registration.replicas();
        gauges.add("kafka_topic_partition_leader", "Leader broker id of a partition", labels, registration.leader());
        gauges.add("kafka_topic_partition_replicas", "Replicas of a partition", labels, replicas.length);
        gauges.add("kafka_topic_partition_in_sync_replica", "In-sync replicas of a partition", labels,
                registration.isr().length);
        gauges.add("kafka_topic_partition_leader_is_preferred", "1 if the leader is the preferred replica", labels,
                replicas.length > 0 && replicas[0] == registration.leader() ? 1 : 0);
        gauges.add("kafka_topic_partition_under_replicated_partition", "1 if the partition is under-replicated",
                labels, registration.isr().length < replicas.length ? 1 : 0);
    }

    private static void topicsAndBrokers(Gauges gauges, MetadataImage image) {
        gauges.add("kafka_brokers", "Number of brokers in the cluster", Labels.EMPTY, image.brokers().all().size());
        for (BrokerRegistration broker : image.brokers().all()) {
            gauges.add("kafka_broker_info", "Information about a broker",
                    Labels.of("id", Integer.toString(broker.id()), "address", address(broker)), 1);
        }
        for (TopicImage topic : image.topics().all()) {
            gauges.add("kafka_topic_partitions", "Number of partitions of a topic", Labels.of("topic", topic.name()),
                    topic.numPartitions());
        }
    }

    private static String address(BrokerRegistration broker) {
        return broker.endpoints().stream().findFirst()
                .map(endpoint -> endpoint.host() + ":" + endpoint.port()).orElse("");
    }

    private void groupLag(Gauges gauges) {
        List<GroupOverview> overview;
        try {
            overview = groups.get().get(GROUPS_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("Group overview unavailable for this scrape", e);
            return;
        }
        Set<TopicPartition> elsewhere = new HashSet<>();
        for (GroupOverview group : overview) {
            gauges.add("kafka_consumergroup_members", "Members of a consumer group",
                    Labels.of("consumergroup", group.groupId()), group.members());
            Map<String, long[]> sums = new TreeMap<>(); // topic -> {offset sum, lag sum, lag known}
            for (Map.Entry<TopicPartition, Long> entry : group.committed().entrySet()) {
                TopicPartition tp = entry.getKey();
                long committed = entry.getValue();
                Labels labels = Labels.of("consumergroup", group.groupId(), "topic", tp.topic(),
                        "partition", Integer.toString(tp.partition()));
                gauges.add("kafka_consumergroup_current_offset", "Committed offset of a consumer group", labels,
                        committed);
                long[] sum = sums.computeIfAbsent(tp.topic(), t -> new long[3]);
                sum[0] += committed;
                Optional<Partition> partition = partitions.get(tp);
                Optional<Long> highWatermark = partition.map(Partition::highWatermark);
                if (partition.isEmpty() && remote != null) {
                    elsewhere.add(tp);
                    highWatermark = remote.get(tp);
                }
                if (highWatermark.isPresent()) {
                    long lag = Math.max(0, highWatermark.get() - committed);
                    gauges.add("kafka_consumergroup_lag", "Lag of a consumer group on a partition", labels, lag);
                    sum[1] += lag;
                    sum[2] = 1;
                }
            }
            sums.forEach((topic, sum) -> {
                Labels labels = Labels.of("consumergroup", group.groupId(), "topic", topic);
                gauges.add("kafka_consumergroup_current_offset_sum", "Committed offsets of a group on a topic, summed",
                        labels, sum[0]);
                if (sum[2] == 1) {
                    gauges.add("kafka_consumergroup_lag_sum", "Lag of a consumer group on a topic", labels, sum[1]);
                }
            });
        }
        if (remote != null) {
            remote.refresh(elsewhere);
        }
    }

    /** Gauge families by name, in first-seen order. */
    private static final class Gauges {
        private final Map<String, GaugeSnapshot.Builder> families = new LinkedHashMap<>();

        void add(String name, String help, Labels labels, double value) {
            families.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help))
                    .dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        MetricSnapshots build() {
            List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
            families.values().forEach(builder -> snapshots.add(builder.build()));
            return new MetricSnapshots(snapshots);
        }
    }
}
