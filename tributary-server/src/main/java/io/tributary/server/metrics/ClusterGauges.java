package io.tributary.server.metrics;

import com.codahale.metrics.Meter;
import io.tributary.metadata.MetadataListener;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.metrics.MetricName;
import java.util.function.BooleanSupplier;

/**
 * What the metadata image tells: Kafka's {@code kafka.controller:type=KafkaController} gauges (reported by the
 * active controller, 0 elsewhere, so that summing over the cluster counts each once), unclean elections, and the
 * ISR shrinks and expands of the partitions this broker leads ({@code ReplicaManager}), seen as the image changes.
 */
public final class ClusterGauges implements MetadataListener {

    private static final String CONTROLLER = "kafka.controller";

    private final int nodeId;
    private final BooleanSupplier activeController;
    private final Meter isrShrinks;
    private final Meter isrExpands;
    private final Meter uncleanElections;
    private final java.util.function.Consumer<String> topicDeleted;
    private volatile MetadataImage image;

    /** {@code topicDeleted} hears the name of each topic that leaves the image (its per-topic metrics go). */
    public ClusterGauges(KafkaMetrics metrics, int nodeId, BooleanSupplier activeController, MetadataImage initial,
                         java.util.function.Consumer<String> topicDeleted) {
        this.topicDeleted = topicDeleted;
        this.nodeId = nodeId;
        this.activeController = activeController;
        this.image = initial;
        isrShrinks = metrics.meter(MetricName.of("kafka.server", "ReplicaManager", "IsrShrinksPerSec"), "shrinks");
        isrExpands = metrics.meter(MetricName.of("kafka.server", "ReplicaManager", "IsrExpandsPerSec"), "expands");
        uncleanElections = metrics.meter(MetricName.of(CONTROLLER, "ControllerStats",
                "UncleanLeaderElectionsPerSec"), "elections");
        controllerGauge(metrics, "ActiveControllerCount", () -> 1);
        controllerGauge(metrics, "OfflinePartitionsCount", this::offlinePartitions);
        controllerGauge(metrics, "GlobalTopicCount", () -> image.topics().size());
        controllerGauge(metrics, "GlobalPartitionCount", this::partitionCount);
        controllerGauge(metrics, "PreferredReplicaImbalanceCount", this::preferredReplicaImbalance);
        controllerGauge(metrics, "ActiveBrokerCount", () -> (int) image.brokers().unfencedCount());
        controllerGauge(metrics, "FencedBrokerCount",
                () -> image.brokers().all().size() - (int) image.brokers().unfencedCount());
    }

    private void controllerGauge(KafkaMetrics metrics, String name, java.util.function.IntSupplier value) {
        metrics.gauge(MetricName.of(CONTROLLER, "KafkaController", name),
                () -> activeController.getAsBoolean() ? value.getAsInt() : 0);
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        MetadataImage previous = image;
        image = newImage;
        if (previous == null || previous.topics() == newImage.topics()) {
            return;
        }
        boolean active = activeController.getAsBoolean();
        for (TopicImage topic : previous.topics().all()) {
            if (newImage.topics().get(topic.id()).isEmpty()) {
                topicDeleted.accept(topic.name());
            }
        }
        for (TopicImage topic : newImage.topics().all()) {
            TopicImage before = previous.topics().get(topic.id()).orElse(null);
            if (before == null || before == topic) {
                continue;
            }
            topic.partitions().forEach((index, now) -> {
                PartitionRegistration was = before.partitions().get(index);
                if (was != null && !was.equals(now)) {
                    observe(was, now, active);
                }
            });
        }
    }

    private void observe(PartitionRegistration was, PartitionRegistration now, boolean active) {
        if (now.leader() == nodeId && was.leader() == nodeId && now.leaderEpoch() == was.leaderEpoch()) {
            if (now.isr().length < was.isr().length) {
                isrShrinks.mark();
            } else if (now.isr().length > was.isr().length) {
                isrExpands.mark();
            }
        }
        // An elected leader outside the ISR it was elected from: unclean.leader.election.enable at work.
        if (active && now.hasLeader() && now.leader() != was.leader()
                && !PartitionRegistration.contains(was.isr(), now.leader())) {
            uncleanElections.mark();
        }
    }

    private int partitionCount() {
        int count = 0;
        for (TopicImage topic : image.topics().all()) {
            count += topic.numPartitions();
        }
        return count;
    }

    private int offlinePartitions() {
        int count = 0;
        for (TopicImage topic : image.topics().all()) {
            for (PartitionRegistration partition : topic.partitions().values()) {
                if (!partition.hasLeader()) {
                    count++;
                }
            }
        }
        return count;
    }

    private int preferredReplicaImbalance() {
        int count = 0;
        for (TopicImage topic : image.topics().all()) {
            for (PartitionRegistration partition : topic.partitions().values()) {
                if (partition.replicas().length > 0 && partition.leader() != partition.replicas()[0]) {
                    count++;
                }
            }
        }
        return count;
    }
}
