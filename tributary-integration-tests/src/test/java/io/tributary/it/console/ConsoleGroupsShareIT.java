package io.tributary.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.it.console.ConsoleApi.Response;
import io.tributary.it.share.ShareConsumers;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A share group (KIP-932) in the console: listed as type share with its state and member, its share-partition start
 * offsets and lag, reset (AlterShareGroupOffsets) once it has no members, and deleted.
 */
class ConsoleGroupsShareIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder()
            .config("group.share.heartbeat.interval.ms", 500)
            .config("group.share.min.heartbeat.interval.ms", 500)
            .build();

    private final ConsoleApi console = ConsoleApi.of(broker.httpPort());

    @Test
    void showsResetsAndDeletesAShareGroup() throws Exception {
        // given: ten records, all read and acknowledged by a share consumer that is still a member
        String topic = TopicNames.unique("console-share");
        broker.createTopic(topic, 1);
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "s", 10));
        String group = TopicNames.unique("share-group");
        ShareConsumers.startAtEarliest(broker.clients().admin(), group);
        try (ShareConsumers consumers = new ShareConsumers(broker.bootstrapServers())) {
            KafkaShareConsumer<String, String> consumer = consumers.create(group, topic, false);
            int read = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            while (read < 10 && System.currentTimeMillis() < deadline) {
                read += ShareConsumers.poll(consumer, 200).size();
            }
            assertThat(read).isEqualTo(10);
            consumer.commitSync();

            // when/then: listed as a share group with its member, nothing left to read
            JsonNode row = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> find(group),
                    r -> "Stable".equals(r.path("state").asText()) && r.path("lag").asLong(-1) == 0);
            assertThat(row.path("type").asText()).isEqualTo("share");
            assertThat(row.path("members").asInt()).isEqualTo(1);
            JsonNode described = console.get("/groups/" + group).body();
            assertThat(described.path("type").asText()).isEqualTo("share");
            assertThat(described.path("members").get(0).path("assignment").get(0).path("topic").asText())
                    .isEqualTo(topic);
            JsonNode offset = described.path("offsets").get(0);
            assertThat(offset.path("committed").asLong()).isEqualTo(10);
            assertThat(offset.path("endOffset").asLong()).isEqualTo(10);
            assertThat(offset.path("lag").asLong()).isZero();

            // and: a reset is refused while it has a member
            Response refused = console.post("/groups/" + group + "/reset-offsets",
                    Map.of("strategy", "earliest", "dryRun", false));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("NON_EMPTY_GROUP");
            consumers.close(consumer);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "Empty".equals(find(group).path("state")
                .asText()));

        // when: reset to the earliest offset
        Response reset = console.post("/groups/" + group + "/reset-offsets",
                Map.of("strategy", "earliest", "dryRun", false));

        // then
        assertThat(reset.status()).as(reset.body().toString()).isEqualTo(200);
        assertThat(reset.body().path("offsets").get(0).path("current").asLong()).isEqualTo(10);
        assertThat(reset.body().path("offsets").get(0).path("target").asLong()).isZero();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> console.get("/groups/" + group).body()
                .path("offsets").get(0).path("committed").asLong(-1) == 0);

        // when/then: deleted
        Response deleted = console.delete("/groups/" + group);
        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
        assertThat(console.get("/groups/" + group).status()).isEqualTo(404);
    }

    private JsonNode find(String group) throws Exception {
        for (JsonNode row : console.get("/groups").body().path("groups")) {
            if (row.path("groupId").asText().equals(group)) {
                return row;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
