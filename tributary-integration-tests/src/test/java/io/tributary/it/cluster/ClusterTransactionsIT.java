package io.tributary.it.cluster;

import static io.tributary.it.cluster.ClusterScenarios.FAILOVER_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.TransactionalReads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Transactions whose partitions are led by different brokers: the transaction coordinator writes markers to
 * partitions led elsewhere (WriteTxnMarkers), read_committed consumers see committed data only, and the
 * coordinator's state survives the SIGKILL of the broker leading its {@code __transaction_state} partition.
 */
@Tag("cluster")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ClusterTransactionsIT {

    private static final int PARTITIONS = 3;
    private static final String GROUP = "cluster-txn-group";

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(3);

    @Test
    void commitsAndAbortsSpanPartitionsLedByEveryBrokerAndSurviveTheCoordinatorsCrash() throws Exception {
        // given a topic whose three partitions have three different leaders
        ProcessCluster cluster = CLUSTER.cluster();
        ClusterState state = cluster.state();
        String topic = ClusterScenarios.createTopic(cluster, "cluster-txn", PARTITIONS);
        assertThat(Set.of(state.leaderOf(new TopicPartition(topic, 0)), state.leaderOf(new TopicPartition(topic, 1)),
                state.leaderOf(new TopicPartition(topic, 2)))).hasSize(3);
        String transactionalId = "cluster-txn-" + System.nanoTime();
        List<String> committed = new ArrayList<>();

        // when one transaction commits and one aborts, each across every partition
        try (KafkaProducer<String, String> producer = transactionalProducer(cluster, transactionalId)) {
            producer.initTransactions();
            // (its offsets create __consumer_offsets while all three brokers can host its replicas)
            committed.addAll(sendInTransaction(producer, topic, "first", true));
            sendInTransaction(producer, topic, "aborted", false);
        }

        // and the broker leading the transaction coordinator's partition is SIGKILLed
        // (Kafka's partitioning of transactional ids over the partitions of __transaction_state)
        int statePartitions = state.topic(Topic.TRANSACTION_STATE_TOPIC_NAME).partitions().size();
        TopicPartition statePartition = new TopicPartition(Topic.TRANSACTION_STATE_TOPIC_NAME,
                Utils.abs(transactionalId.hashCode()) % statePartitions);
        int coordinatorLeader = state.leaderOf(statePartition);
        cluster.node(coordinatorLeader).kill();
        state.awaitNewLeader(statePartition, coordinatorLeader, FAILOVER_TIMEOUT);

        // and the same transactional id carries on with a new coordinator, committing offsets in its transaction
        try (KafkaProducer<String, String> producer = transactionalProducer(cluster, transactionalId)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int p = 0; p < PARTITIONS; p++) {
                producer.send(new ProducerRecord<>(topic, p, null, "second-" + p));
                committed.add("second-" + p);
            }
            producer.sendOffsetsToTransaction(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(42)),
                    new ConsumerGroupMetadata(GROUP));
            producer.commitTransaction();
        }
        cluster.restart(cluster.node(coordinatorLeader));
        state.awaitFullIsr(topic, FAILOVER_TIMEOUT);

        // then read_committed sees exactly the committed records, and the transactional offset is committed
        List<String> seen = TransactionalReads.committedValues(cluster.clients(), topic, PARTITIONS);
        System.out.printf("[transactions across brokers] committed=%d readCommitted=%d%n", committed.size(),
                seen.size());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(committed);
        assertThat(seen.stream().filter(v -> v.startsWith("aborted")).collect(Collectors.toList())).isEmpty();
        assertThat(state.admin().listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS).get(new TopicPartition(topic, 0)).offset()).isEqualTo(42);
    }

    private static KafkaProducer<String, String> transactionalProducer(ProcessCluster cluster, String id) {
        return cluster.clients().transactionalProducer(id, Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
    }

    private static List<String> sendInTransaction(KafkaProducer<String, String> producer, String topic, String prefix,
                                                  boolean commit) {
        List<String> values = new ArrayList<>();
        producer.beginTransaction();
        for (int i = 0; i < 30; i++) {
            String value = prefix + "-" + i;
            producer.send(new ProducerRecord<>(topic, i % PARTITIONS, null, value));
            values.add(value);
        }
        producer.sendOffsetsToTransaction(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(7)),
                new ConsumerGroupMetadata(GROUP));
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
        return values;
    }
}
