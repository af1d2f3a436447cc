package io.tributary.it.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.it.support.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's topic API, driven over HTTP as the browser does, checked against what the official clients see. */
class ConsoleTopicsIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    private final ConsoleApi api = ConsoleApi.of(broker.httpPort());

    @Test
    void aChangingCallWithoutTheCsrfTokenIsRefused() {
        // given a session
        assertThat(api.get("/session").status()).isEqualTo(200);

        // when
        ConsoleApi.Response response = api.postWithoutCsrfToken("/topics", Map.of("name", "forged", "partitions", 1));

        // then
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("CSRF");
        assertThat(api.get("/topics/forged").status()).as("nothing was created").isEqualTo(404);
    }

    @Test
    void createDescribeAlterExtendAndDeleteATopic() throws Exception {
        // when a topic is created
        ConsoleApi.Response created = api.post("/topics", Map.of("name", "console-orders", "partitions", 3,
                "replicationFactor", 1, "configs", Map.of("cleanup.policy", "compact,delete")));

        // then the clients see it with its id and config
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String topicId = created.body().path("topicId").asText();
        assertThat(topicId).isEqualTo(broker.clients().admin().describeTopics(List.of("console-orders"))
                .allTopicNames().get().get("console-orders").topicId().toString());

        // when records are produced to partition 1
        try (var producer = broker.clients().producer()) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("console-orders", 1, "k" + i, "value-" + i)).get();
            }
        }

        // then its description shows the partitions, their offsets and sizes, and its configs
        JsonNode topic = await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/topics/console-orders"),
                r -> r.status() == 200 && r.body().path("partitions").get(1).path("endOffset").asLong() == 10).body();
        assertThat(topic.path("topicId").asText()).isEqualTo(topicId);
        assertThat(topic.path("internal").asBoolean()).isFalse();
        JsonNode partitions = topic.path("partitions");
        assertThat(partitions).hasSize(3);
        JsonNode p1 = partitions.get(1);
        assertThat(p1.path("partition").asInt()).isEqualTo(1);
        assertThat(p1.path("leader").asInt()).isEqualTo(1);
        assertThat(ints(p1.path("replicas"))).containsExactly(1);
        assertThat(ints(p1.path("isr"))).containsExactly(1);
        assertThat(p1.path("offline")).isEmpty();
        assertThat(p1.path("startOffset").asLong()).isZero();
        assertThat(p1.path("sizeBytes").asLong()).isPositive();
        assertThat(partitions.get(0).path("endOffset").asLong()).isZero();
        assertThat(partitions.get(0).path("sizeBytes").asLong()).isZero();
        JsonNode cleanup = config(topic, "cleanup.policy");
        assertThat(cleanup.path("value").asText()).isEqualTo("compact,delete");
        assertThat(cleanup.path("source").asText()).isEqualTo("DYNAMIC_TOPIC_CONFIG");
        assertThat(cleanup.path("isDefault").asBoolean()).isFalse();
        JsonNode retention = config(topic, "retention.ms");
        assertThat(retention.path("isDefault").asBoolean()).isTrue();
        assertThat(retention.path("sensitive").asBoolean()).isFalse();

        // and the list shows the topic with its message count and size
        JsonNode listed = api.get("/topics?filter=ORDERS").body().path("topics");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("name").asText()).isEqualTo("console-orders");
        assertThat(listed.get(0).path("partitions").asInt()).isEqualTo(3);
        assertThat(listed.get(0).path("replicationFactor").asInt()).isEqualTo(1);
        assertThat(listed.get(0).path("underReplicated").asInt()).isZero();
        assertThat(listed.get(0).path("offline").asInt()).isZero();
        assertThat(listed.get(0).path("messages").asLong()).isEqualTo(10);
        assertThat(listed.get(0).path("sizeBytes").asLong()).isEqualTo(p1.path("sizeBytes").asLong());

        // when a config is set and another deleted
        ConsoleApi.Response altered = api.put("/topics/console-orders/configs",
                Map.of("set", Map.of("retention.ms", 123456), "delete", List.of("cleanup.policy")));

        // then the answer is the description with the change applied, as the clients see it too
        assertThat(altered.status()).as(altered.toString()).isEqualTo(200);
        assertThat(config(altered.body(), "retention.ms").path("value").asText()).isEqualTo("123456");
        assertThat(config(altered.body(), "retention.ms").path("source").asText()).isEqualTo("DYNAMIC_TOPIC_CONFIG");
        assertThat(config(altered.body(), "cleanup.policy").path("isDefault").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(broker.clients().admin()
                .describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "console-orders")))
                .all().get().values().iterator().next().get("retention.ms").value()).isEqualTo("123456"));

        // when partitions are added
        ConsoleApi.Response extended = api.post("/topics/console-orders/partitions", Map.of("count", 5));

        // then
        assertThat(extended.status()).as(extended.toString()).isEqualTo(200);
        assertThat(extended.body().path("partitions").asInt()).isEqualTo(5);
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/topics/console-orders").body()
                .path("partitions").size() == 5);

        // when it is deleted
        ConsoleApi.Response deleted = api.delete("/topics/console-orders");

        // then
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.body().path("deleted").asText()).isEqualTo("console-orders");
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/topics/console-orders").status() == 404);
        assertThat(broker.clients().admin().listTopics().names().get()).doesNotContain("console-orders");
    }

    @Test
    void creatingAnExistingTopicIsAConflict() throws Exception {
        // given
        broker.createTopic("console-existing", 1);

        // when
        ConsoleApi.Response response = api.post("/topics", Map.of("name", "console-existing", "partitions", 1));

        // then
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("TOPIC_ALREADY_EXISTS");
        assertThat(response.body().path("error").asText()).isNotBlank();
    }

    @Test
    void anUnknownTopicIsNotFound() {
        // when
        ConsoleApi.Response described = api.get("/topics/console-no-such-topic");
        ConsoleApi.Response deleted = api.delete("/topics/console-no-such-topic");
        ConsoleApi.Response altered = api.put("/topics/console-no-such-topic/configs",
                Map.of("set", Map.of("retention.ms", "1000")));

        // then
        assertThat(described.status()).isEqualTo(404);
        assertThat(described.code()).isEqualTo("UNKNOWN_TOPIC_OR_PARTITION");
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(altered.status()).isEqualTo(404);
    }

    @Test
    void malformedRequestsAreRefusedWithAMessage() throws Exception {
        // given
        broker.createTopic("console-small", 2);

        // when / then: a bad name, a bad number, a config that does not exist, fewer partitions
        ConsoleApi.Response badName = api.post("/topics", Map.of("name", "no spaces!", "partitions", 1));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body().path("error").asText()).contains("no spaces!");
        ConsoleApi.Response dots = api.post("/topics", Map.of("name", "..", "partitions", 1));
        assertThat(dots.status()).isEqualTo(400);
        ConsoleApi.Response notANumber = api.post("/topics", Map.of("name", "console-nan", "partitions", "three"));
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.body().path("error").asText()).contains("partitions");
        ConsoleApi.Response zero = api.post("/topics", Map.of("name", "console-zero", "partitions", 0));
        assertThat(zero.status()).isEqualTo(400);
        ConsoleApi.Response badConfig = api.post("/topics", Map.of("name", "console-badconfig", "partitions", 1,
                "configs", Map.of("no.such.config", "1")));
        assertThat(badConfig.status()).isEqualTo(400);
        assertThat(badConfig.code()).isEqualTo("INVALID_CONFIG");
        ConsoleApi.Response fewer = api.post("/topics/console-small/partitions", Map.of("count", 1));
        assertThat(fewer.status()).isEqualTo(400);
        assertThat(fewer.code()).isEqualTo("INVALID_PARTITIONS");
        ConsoleApi.Response nothing = api.put("/topics/console-small/configs", Map.of());
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(broker.clients().admin().listTopics().names().get())
                .doesNotContain("console-nan", "console-zero", "console-badconfig");
    }

    @Test
    void internalTopicsAreListedOnlyWhenAsked() throws Exception {
        // given an internal topic exists
        broker.createTopic("console-visible", 1);
        try (var consumer = broker.clients().consumer(Map.of("group.id", "console-internal-group"))) {
            var partition = new org.apache.kafka.common.TopicPartition("console-visible", 0);
            consumer.assign(List.of(partition));
            consumer.commitSync(Map.of(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(0)));
        }

        // when
        List<String> plain = names(api.get("/topics").body());
        List<String> all = names(api.get("/topics?internal=true").body());

        // then
        assertThat(plain).contains("console-visible").doesNotContain("__consumer_offsets");
        assertThat(all).contains("console-visible", "__consumer_offsets");
        assertThat(plain).isSorted();
    }

    private static JsonNode config(JsonNode topic, String name) {
        for (JsonNode config : topic.path("configs")) {
            if (config.path("name").asText().equals(name)) {
                return config;
            }
        }
        throw new AssertionError("no config " + name + " in " + topic.path("configs"));
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static List<String> names(JsonNode topics) {
        List<String> out = new ArrayList<>();
        topics.path("topics").forEach(t -> out.add(t.path("name").asText()));
        return out;
    }
}
