package io.tributary.server.metrics;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.metadata.MetadataListener;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.metrics.MetricName;
import io.tributary.storage.LogManager;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's {@code kafka.server:type=ReplicaManager} gauges over the partitions hosted here, and per hosted partition
 * {@code kafka.cluster:type=Partition} and {@code kafka.log:type=Log} gauges (tags {@code topic}, {@code partition}),
 * registered and removed as the image moves partitions here and away. Gauges read the partition when asked, so
 * the produce and fetch paths pay nothing for them.
 */
public final class ReplicaGauges implements MetadataListener {

    private static final String[] PARTITION_GAUGES = {"UnderReplicated", "InSyncReplicasCount", "ReplicasCount",
        "UnderMinIsr", "AtMinIsr", "LastStableOffsetLag"};
    private static final String[] LOG_GAUGES = {"NumLogSegments", "LogStartOffset", "LogEndOffset", "Size"};

    private final KafkaMetrics metrics;
    private final int nodeId;
    private final PartitionManager partitions;
    private final Set<TopicPartition> registered = new HashSet<>();
    private volatile MetadataImage image;

    public ReplicaGauges(KafkaMetrics metrics, int nodeId, PartitionManager partitions, LogManager logs) {
        this.nodeId = nodeId;
        this.metrics = metrics;
        this.partitions = partitions;
        replicaManager("PartitionCount", () -> partitions.all().size());
        replicaManager("LeaderCount", () -> count(p -> p.isLeader() ? 1 : 0));
        replicaManager("UnderReplicatedPartitions", () -> count(ReplicaGauges::underReplicated));
        replicaManager("UnderMinIsrPartitionCount", () -> count(ReplicaGauges::underMinIsr));
        replicaManager("AtMinIsrPartitionCount", () -> count(ReplicaGauges::atMinIsr));
        replicaManager("OfflineReplicaCount", () -> offlineReplicas(logs));
        metrics.gauge(MetricName.of("kafka.log", "LogManager", "OfflineLogDirectoryCount"),
                () -> logs.offlineLogDirs().size());
    }

    private void replicaManager(String name, java.util.function.Supplier<Integer> value) {
        metrics.gauge(MetricName.of("kafka.server", "ReplicaManager", name), value::get);
    }

    private int count(ToLongFunction<Partition> test) {
        int count = 0;
        for (Partition partition : partitions.all()) {
            count += (int) test.applyAsLong(partition);
        }
        return count;
    }

    /** Brings the per-partition gauges in line with the partitions hosted now. */
    @Override
    public synchronized void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        image = newImage;
        Set<TopicPartition> hosted = new HashSet<>();
        for (Partition partition : partitions.all()) {
            hosted.add(partition.topicPartition());
        }
        for (TopicPartition tp : hosted) {
            if (registered.add(tp)) {
                register(tp);
            }
        }
        registered.removeIf(tp -> {
            if (hosted.contains(tp)) {
                return false;
            }
            unregister(tp);
            return true;
        });
    }

    /** Replicas the image assigns here whose log directory failed (they are no longer served). */
    private int offlineReplicas(LogManager logs) {
        MetadataImage current = image;
        if (current == null || logs.offlineLogDirs().isEmpty()) {
            return 0;
        }
        int count = 0;
        for (io.tributary.metadata.image.TopicImage topic : current.topics().all()) {
            for (var entry : topic.partitions().entrySet()) {
                if (entry.getValue().isReplica(nodeId)
                        && logs.isOffline(new TopicPartition(topic.name(), entry.getKey()))) {
                    count++;
                }
            }
        }
        return count;
    }

    private void register(TopicPartition tp) {
        partitionGauge(tp, "UnderReplicated", ReplicaGauges::underReplicated);
        partitionGauge(tp, "InSyncReplicasCount", p -> p.isLeader() ? p.isr().length : 0);
        partitionGauge(tp, "ReplicasCount", p -> p.isLeader() ? replicas(p) : 0);
        partitionGauge(tp, "UnderMinIsr", ReplicaGauges::underMinIsr);
        partitionGauge(tp, "AtMinIsr", ReplicaGauges::atMinIsr);
        partitionGauge(tp, "LastStableOffsetLag",
                p -> p.isLeader() ? Math.max(0, p.highWatermark() - p.lastStableOffset()) : 0);
        logGauge(tp, "NumLogSegments", Partition::numberOfSegments);
        logGauge(tp, "LogStartOffset", Partition::logStartOffset);
        logGauge(tp, "LogEndOffset", Partition::logEndOffset);
        logGauge(tp, "Size", Partition::sizeInBytes);
    }

    private void unregister(TopicPartition tp) {
        for (String name : PARTITION_GAUGES) {
            metrics.remove(name("kafka.cluster", "Partition", name, tp));
        }
        for (String name : LOG_GAUGES) {
            metrics.remove(name("kafka.log", "Log", name, tp));
        }
    }

    private void partitionGauge(TopicPartition tp, String name, ToLongFunction<Partition> value) {
        metrics.gauge(name("kafka.cluster", "Partition", name, tp), () -> read(tp, value));
    }

    private void logGauge(TopicPartition tp, String name, ToLongFunction<Partition> value) {
        metrics.gauge(name("kafka.log", "Log", name, tp), () -> read(tp, value));
    }

    private long read(TopicPartition tp, ToLongFunction<Partition> value) {
        Optional<Partition> partition = partitions.get(tp);
        return partition.isPresent() ? value.applyAsLong(partition.get()) : 0;
    }

    private static MetricName name(String group, String type, String name, TopicPartition tp) {
        return MetricName.of(group, type, name, "topic", tp.topic(), "partition", Integer.toString(tp.partition()));
    }

    private static int replicas(Partition partition) {
        return partition.replicaCount();
    }

    private static long underReplicated(Partition p) {
        return p.isLeader() && p.isr().length < replicas(p) ? 1 : 0;
    }

    private static long underMinIsr(Partition p) {
        return p.isLeader() && p.isr().length < p.minInsyncReplicas() ? 1 : 0;
    }

    private static long atMinIsr(Partition p) {
        return p.isLeader() && p.isr().length == p.minInsyncReplicas() ? 1 : 0;
    }
}
