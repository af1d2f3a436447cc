package io.tributary.it.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.it.support.EmbeddedBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's overview: the cluster as the clients describe it, and this node's throughput. */
class ConsoleClusterIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    private final ConsoleApi api = ConsoleApi.of(broker.httpPort());

    @Test
    void theOverviewDescribesBrokersQuorumAndPartitionHealth() throws Exception {
        // given a healthy topic, and one that asks for more in-sync replicas than it has
        broker.createTopic("console-healthy", 4);
        broker.createTopic("console-strict", 2, Map.of("min.insync.replicas", "2"));

        // when
        ConsoleApi.Response response = api.get("/cluster");

        // then
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode cluster = response.body();
        assertThat(cluster.path("clusterId").asText())
                .isEqualTo(broker.clients().admin().describeCluster().clusterId().get());
        assertThat(cluster.path("servedBy").asInt()).isEqualTo(1);
        assertThat(cluster.path("controllerId").asInt()).isEqualTo(1);
        assertThat(cluster.path("brokers")).hasSize(1);
        JsonNode node = cluster.path("brokers").get(0);
        assertThat(node.path("id").asInt()).isEqualTo(1);
        assertThat(node.path("port").asInt()).isEqualTo(broker.port());
        assertThat(node.path("isController").asBoolean()).isTrue();
        JsonNode quorum = cluster.path("quorum");
        assertThat(quorum.path("leaderId").asInt()).isEqualTo(1);
        assertThat(quorum.path("leaderEpoch").isInt()).as(quorum.toString()).isTrue();
        assertThat(quorum.path("highWatermark").asLong()).isPositive();
        assertThat(quorum.path("voters")).hasSize(1);
        assertThat(quorum.path("voters").get(0).path("id").asInt()).isEqualTo(1);
        assertThat(quorum.path("voters").get(0).path("lag").asLong()).isZero();
        JsonNode partitions = cluster.path("partitions");
        assertThat(partitions.path("total").asInt()).isEqualTo(6 + internalPartitions());
        assertThat(partitions.path("underReplicated").asInt()).isZero();
        assertThat(partitions.path("offline").asInt()).isZero();
        assertThat(partitions.path("underMinIsr").asInt()).as("ISR 1 < min.insync.replicas 2").isEqualTo(2);
        assertThat(cluster.path("topics").asInt()).isEqualTo(broker.clients().admin()
                .listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                .names().get().size());
        assertThat(cluster.path("securityEnabled").asBoolean()).as("no authorizer configured").isFalse();
    }

    @Test
    void throughputSamplesShowTrafficInAndOut() throws Exception {
        // given
        broker.createTopic("console-traffic", 1);
        JsonNode first = api.get("/throughput").body();
        assertThat(first.path("nodeId").asInt()).isEqualTo(1);
        assertThat(first.path("intervalMs").asLong()).isEqualTo(5_000);

        // when records are produced and consumed
        try (var producer = broker.clients().producer()) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("console-traffic", "key", "value-" + i));
            }
            producer.flush();
        }
        try (var consumer = broker.clients().consumer()) {
            consumer.assign(List.of(new TopicPartition("console-traffic", 0)));
            consumer.seekToBeginning(consumer.assignment());
            int read = 0;
            while (read < 100) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
        }

        // then a sample within the next interval shows the bytes and messages in, and the bytes out
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode samples = api.get("/throughput").body().path("samples");
            assertThat(samples).anySatisfy(s -> {
                assertThat(s.path("messagesInPerSec").asDouble()).isPositive();
                assertThat(s.path("bytesInPerSec").asDouble()).isPositive();
            });
            assertThat(samples).anySatisfy(s -> assertThat(s.path("bytesOutPerSec").asDouble()).isPositive());
        });
        JsonNode samples = api.get("/throughput").body().path("samples");
        double messages = 0;
        for (JsonNode s : samples) {
            assertThat(s.path("t").asLong()).isPositive();
            messages += s.path("messagesInPerSec").asDouble() * 5;
        }
        assertThat(messages).as("the rates add up to the messages produced").isBetween(90.0, 110.0);
    }

    private static int internalPartitions() throws Exception {
        var admin = broker.clients().admin();
        var names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                .names().get().stream().filter(n -> n.startsWith("__")).toList();
        if (names.isEmpty()) {
            return 0;
        }
        return admin.describeTopics(names).allTopicNames().get().values().stream()
                .mapToInt(t -> t.partitions().size()).sum();
    }
}
