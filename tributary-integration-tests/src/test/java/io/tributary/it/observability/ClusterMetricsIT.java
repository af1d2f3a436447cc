package io.tributary.it.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.embedded.EmbeddedTributary;
import io.tributary.embedded.EmbeddedTributaryCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Three in-process nodes: the leader reports its partition under-replicated while a follower is down and healthy
 * again once it caught up; cluster-wide numbers come from one node only, so summing them over the nodes (as
 * Strimzi's dashboards do) counts them once; a group's coordinator reports the lag of every partition of it.
 */
class ClusterMetricsIT {

    private static final String TOPIC = "replicated-metrics";

    @Test
    void theGroupCoordinatorReportsLagOnPartitionsItHostsNoReplicaOf() throws Exception {
        try (EmbeddedTributaryCluster cluster = EmbeddedTributaryCluster.builder().nodes(3).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     cluster.bootstrapServers()))) {
            // given one partition on each broker, 10 records in each, and a group that committed offset 4 on each
            String topic = "lag-everywhere";
            List<Integer> ids = cluster.nodes().stream().map(EmbeddedTributary::nodeId).sorted().toList();
            admin.createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(ids.get(0)), 1, List.of(ids.get(1)),
                    2, List.of(ids.get(2)))))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                for (int p = 0; p < 3; p++) {
                    for (int i = 0; i < 10; i++) {
                        producer.send(new ProducerRecord<>(topic, p, null, "v" + i)).get();
                    }
                }
            }
            String group = "lag-group";
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets =
                    new java.util.HashMap<>();
            for (int p = 0; p < 3; p++) {
                offsets.put(new org.apache.kafka.common.TopicPartition(topic, p),
                        new org.apache.kafka.clients.consumer.OffsetAndMetadata(4));
            }
            admin.alterConsumerGroupOffsets(group, offsets).all().get();
            int coordinator = admin.describeConsumerGroups(List.of(group)).all().get().get(group).coordinator().id();

            // when its coordinator is scraped (the lag of partitions led elsewhere is learned in the background)
            // then every partition's lag is there, 10 - 4
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Scrape scrape = Scrape.of(cluster.node(coordinator).httpPort());
                for (int p = 0; p < 3; p++) {
                    assertThat(scrape.value("kafka_consumergroup_lag", "consumergroup", group, "topic", topic,
                            "partition", Integer.toString(p))).hasValue(6);
                }
                assertThat(scrape.value("kafka_consumergroup_lag_sum", "consumergroup", group, "topic", topic))
                        .hasValue(18);
            });
        }
    }

    @Test
    void underReplicatedWhileAFollowerIsDown() throws Exception {
        try (EmbeddedTributaryCluster cluster = EmbeddedTributaryCluster.builder().nodes(3)
                .config("replica.lag.time.max.ms", 3000).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3))).all().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> partition(admin).isr().size() == 3);
            int leader = partition(admin).leader().id();
            EmbeddedTributary follower = cluster.nodes().stream().filter(n -> n.nodeId() != leader)
                    .reduce((a, b) -> b).orElseThrow();
            EmbeddedTributary leaderNode = cluster.node(leader);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
                    "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "replicated")).get();
            }
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                Scrape scrape = Scrape.of(follower.httpPort());
                assertThat(scrape.unlabelled("kafka_server_brokertopicmetrics_replicationbytesin_total")
                        .orElseThrow()).isGreaterThan(0);
                assertThat(scrape.value("kafka_server_replicafetchermanager_maxlag", "clientId", "Replica"))
                        .hasValue(0);
            });

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(sum(cluster, "kafka_controller_kafkacontroller_activecontrollercount")).isEqualTo(1);
                assertThat(sum(cluster, "kafka_controller_kafkacontroller_globaltopiccount")).isGreaterThanOrEqualTo(1);
                assertThat(Scrape.of(leaderNode.httpPort())
                        .unlabelled("kafka_server_replicamanager_underreplicatedpartitions")).hasValue(0);
            });

            follower.stopWithoutControlledShutdown();
            await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
                Scrape scrape = Scrape.of(leaderNode.httpPort());
                assertThat(scrape.unlabelled("kafka_server_replicamanager_underreplicatedpartitions").orElseThrow())
                        .isGreaterThanOrEqualTo(1);
                assertThat(scrape.value("kafka_cluster_partition_underreplicated", "topic", TOPIC,
                        "partition", "0")).hasValue(1);
                assertThat(scrape.unlabelled("kafka_server_replicamanager_isrshrinks_total").orElseThrow())
                        .isGreaterThanOrEqualTo(1);
                assertThat(scrape.value("kafka_topic_partition_under_replicated_partition", "topic", TOPIC,
                        "partition", "0")).hasValue(1);
            });

            follower.start();
            await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
                Scrape scrape = Scrape.of(leaderNode.httpPort());
                assertThat(scrape.value("kafka_cluster_partition_underreplicated", "topic", TOPIC,
                        "partition", "0")).hasValue(0);
                assertThat(scrape.unlabelled("kafka_server_replicamanager_isrexpands_total").orElseThrow())
                        .isGreaterThanOrEqualTo(1);
            });
            // exactly one Raft leader once any election the restart caused is over
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(cluster.nodes().stream()
                    .filter(n -> {
                        try {
                            return Scrape.of(n.httpPort()).value("kafka_server_raftmetrics_current_state",
                                    "current_state", "leader").isPresent();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).count()).isEqualTo(1));
        }
    }

    private static double sum(EmbeddedTributaryCluster cluster, String name) throws Exception {
        double sum = 0;
        for (EmbeddedTributary node : cluster.nodes()) {
            sum += Scrape.of(node.httpPort()).unlabelled(name).orElse(0);
        }
        return sum;
    }

    private static TopicPartitionInfo partition(Admin admin) throws Exception {
        return admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().get(0);
    }
}
