package io.tributary.it.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.embedded.EmbeddedTributaryCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Any node's console describes the whole cluster: three combined nodes, one of them stopped. */
class ConsoleThreeNodesIT {

    @Test
    void anyNodeServesTheWholeClusterAndSeesANodeGo() throws Exception {
        try (EmbeddedTributaryCluster cluster = EmbeddedTributaryCluster.builder().nodes(3).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     cluster.bootstrapServers()))) {
            // given a replicated topic with one partition led by each node, 10 records in each
            admin.createTopics(List.of(new NewTopic("console-replicated", Map.of(0, List.of(1, 2, 3),
                    1, List.of(2, 3, 1), 2, List.of(3, 1, 2))))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                for (int p = 0; p < 3; p++) {
                    for (int i = 0; i < 10; i++) {
                        producer.send(new ProducerRecord<>("console-replicated", p, null, "v" + i)).get();
                    }
                }
            }
            ConsoleApi api = ConsoleApi.of(cluster.node(2).httpPort());

            // when node 2's console is asked
            JsonNode overview = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/cluster").body(),
                    c -> c.path("partitions").path("underReplicated").asInt(-1) == 0);

            // then it shows all three brokers, the quorum, and the active controller among them
            assertThat(overview.path("servedBy").asInt()).isEqualTo(2);
            assertThat(ids(overview.path("brokers"), "id")).containsExactly(1, 2, 3);
            int leader = overview.path("quorum").path("leaderId").asInt();
            assertThat(overview.path("controllerId").asInt()).isEqualTo(leader);
            List<Integer> controllers = new ArrayList<>();
            overview.path("brokers").forEach(b -> {
                if (b.path("isController").asBoolean()) {
                    controllers.add(b.path("id").asInt());
                }
            });
            assertThat(controllers).containsExactly(leader);
            assertThat(ids(overview.path("quorum").path("voters"), "id")).containsExactlyInAnyOrder(1, 2, 3);
            assertThat(overview.path("partitions").path("offline").asInt()).isZero();
            assertThat(overview.path("partitions").path("underMinIsr").asInt()).isZero();

            // and each partition's offsets and size, read from its own leader
            JsonNode topic = await().atMost(Duration.ofSeconds(15)).until(
                    () -> api.get("/topics/console-replicated").body(),
                    t -> t.path("partitions").size() == 3 && allEndAt(t, 10));
            for (int p = 0; p < 3; p++) {
                JsonNode partition = topic.path("partitions").get(p);
                assertThat(partition.path("leader").asInt()).isEqualTo(p + 1);
                assertThat(partition.path("sizeBytes").asLong()).isPositive();
                assertThat(partition.path("offline")).isEmpty();
            }

            // when a node that is not the quorum's leader stops
            int stopped = leader == 3 ? 2 : 3;
            ConsoleApi survivor = ConsoleApi.of(cluster.node(stopped == 2 ? 1 : 2).httpPort());
            cluster.node(stopped).stop();

            // then its replicas show as offline and its partitions as under-replicated
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonNode after = survivor.get("/topics/console-replicated").body();
                for (JsonNode partition : after.path("partitions")) {
                    assertThat(ids(partition.path("offline"))).containsExactly(stopped);
                    assertThat(ids(partition.path("isr"))).doesNotContain(stopped);
                    assertThat(partition.path("leader").asInt()).isNotEqualTo(stopped);
                }
                JsonNode health = survivor.get("/cluster").body();
                assertThat(ids(health.path("brokers"), "id")).doesNotContain(stopped);
                assertThat(health.path("partitions").path("underReplicated").asInt()).isPositive();
                JsonNode listed = survivor.get("/topics?filter=console-replicated").body().path("topics").get(0);
                assertThat(listed.path("underReplicated").asInt()).isEqualTo(3);
                assertThat(listed.path("messages").asLong()).isEqualTo(30);
            });
        }
    }

    private static boolean allEndAt(JsonNode topic, long end) {
        for (JsonNode partition : topic.path("partitions")) {
            if (partition.path("endOffset").asLong(-1) != end) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> ids(JsonNode array, String field) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asInt()));
        return out;
    }

    private static List<Integer> ids(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }
}
