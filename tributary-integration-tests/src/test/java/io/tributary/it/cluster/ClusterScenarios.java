package io.tributary.it.cluster;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.AcknowledgingProducer;
import io.tributary.it.support.Consuming;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Steps the cluster scenarios share: topics, a continuous producer that rides out failovers, reading back. */
final class ClusterScenarios {

    /** How long a scenario waits for the cluster to notice a failure or to recover from it. */
    static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
    static final int REPLICATION_FACTOR = 3;

    private ClusterScenarios() {
    }

    /** A topic with three replicas per partition (and the cluster's min.insync.replicas=2), every ISR full. */
    static String createTopic(ProcessCluster cluster, String purpose, int partitions) throws Exception {
        String topic = TopicNames.unique(purpose);
        cluster.state().admin()
                .createTopics(List.of(new NewTopic(topic, partitions, (short) REPLICATION_FACTOR)
                        .configs(Map.of("min.insync.replicas", "2"))))
                .all().get(15, TimeUnit.SECONDS);
        cluster.state().awaitFullIsr(topic, FAILOVER_TIMEOUT);
        return topic;
    }

    /** A topic whose partition p has exactly the replicas {@code assignment.get(p)}, the first one preferred. */
    static String createTopic(ProcessCluster cluster, String purpose, Map<Integer, List<Integer>> assignment)
            throws Exception {
        String topic = TopicNames.unique(purpose);
        cluster.state().admin().createTopics(List.of(new NewTopic(topic, assignment))).all()
                .get(15, TimeUnit.SECONDS);
        cluster.state().awaitFullIsr(topic, FAILOVER_TIMEOUT);
        return topic;
    }

    /**
     * acks=all, idempotent, round-robin over the partitions, with timeouts long enough that a send survives a
     * leader election (session timeout 3 s in the test cluster) instead of failing.
     */
    /** Fast enough to keep every partition busy through a failover, slow enough for a 2-core CI machine. */
    static final int RECORDS_PER_SECOND = 2_000;

    static AcknowledgingProducer continuousProducer(ProcessCluster cluster, String topic, int partitions,
                                                    String prefix) {
        return new AcknowledgingProducer(cluster.clients(), topic, partitions, prefix, Map.of(
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000), RECORDS_PER_SECOND);
    }

    /** Waits until {@code more} records beyond those acknowledged so far are acknowledged: production goes on. */
    static void awaitMoreAcknowledged(AcknowledgingProducer producer, int more) {
        int target = producer.acknowledgedCount() + more;
        await("%d acknowledged records".formatted(target)).atMost(FAILOVER_TIMEOUT)
                .pollInterval(Duration.ofMillis(50)).until(() -> producer.acknowledgedCount() >= target);
    }

    /** Every record of the topic, read from the beginning of each partition up to its current end. */
    static List<ConsumerRecord<String, String>> readBack(ProcessCluster cluster, String topic, int partitions) {
        return Consuming.readToEnd(cluster.clients().consumer(), Consuming.partitions(topic, partitions));
    }
}
