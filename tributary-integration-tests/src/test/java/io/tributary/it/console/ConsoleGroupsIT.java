package io.tributary.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.console.ConsoleApi.Response;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's groups API against a broker, with real consumers: classic and KIP-848 groups listed with their
 * type and state, members and assignment, lag as a consumer commits, offset resets (dry run and executed, every
 * strategy, refused while the group has members) and deleting a group.
 */
class ConsoleGroupsIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    private final ConsoleApi console = ConsoleApi.of(broker.httpPort());

    @Test
    void listsClassicAndConsumerProtocolGroupsWithTypeStateMembersAndAssignment() throws Exception {
        // given: a topic of 3 partitions, a classic group and a KIP-848 group, each with one member that polled
        String topic = TopicNames.unique("console-groups");
        broker.createTopic(topic, 3);
        String classicGroup = TopicNames.unique("classic");
        String modernGroup = TopicNames.unique("modern");
        KafkaConsumer<String, String> classic = broker.clients().classicGroupConsumer(classicGroup);
        KafkaConsumer<String, String> modern = broker.clients().consumerProtocolConsumer(modernGroup, Map.of());
        classic.subscribe(List.of(topic));
        modern.subscribe(List.of(topic));
        awaitAssigned(classic, 3);
        awaitAssigned(modern, 3);

        // when
        JsonNode groups = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> console.get("/groups").body().path("groups"),
                list -> "Stable".equals(find(list, classicGroup).path("state").asText())
                        && "Stable".equals(find(list, modernGroup).path("state").asText()));

        // then
        JsonNode classicRow = find(groups, classicGroup);
        assertThat(classicRow.path("type").asText()).isEqualTo("classic");
        assertThat(classicRow.path("protocol").asText()).isEqualTo("consumer");
        assertThat(classicRow.path("assignor").asText()).isEqualTo("range");
        assertThat(classicRow.path("members").asInt()).isEqualTo(1);
        assertThat(classicRow.path("coordinator").asInt()).isEqualTo(broker.nodeId());
        JsonNode modernRow = find(groups, modernGroup);
        assertThat(modernRow.path("type").asText()).isEqualTo("consumer");
        assertThat(modernRow.path("state").asText()).isEqualTo("Stable").isNotEqualTo("Dead");
        assertThat(modernRow.path("members").asInt()).isEqualTo(1);

        // and each group's page shows its member and the three assigned partitions
        for (String group : List.of(classicGroup, modernGroup)) {
            Response described = console.get("/groups/" + group);
            assertThat(described.status()).isEqualTo(200);
            JsonNode members = described.body().path("members");
            assertThat(members).hasSize(1);
            assertThat(members.get(0).path("memberId").asText()).isNotEmpty();
            assertThat(members.get(0).path("clientId").asText()).isNotEmpty();
            List<String> assigned = new ArrayList<>();
            members.get(0).path("assignment").forEach(p -> assigned.add(p.path("topic").asText() + "-"
                    + p.path("partition").asInt()));
            assertThat(assigned).containsExactly(topic + "-0", topic + "-1", topic + "-2");
            // assigned but nothing committed yet: listed without an offset
            assertThat(described.body().path("offsets")).hasSize(3)
                    .allSatisfy(o -> assertThat(o.path("committed").isNull()).isTrue());
        }
        assertThat(console.get("/groups/" + modernGroup).body().path("type").asText()).isEqualTo("consumer");
        assertThat(console.get("/groups/" + classicGroup).body().path("protocolType").asText())
                .isEqualTo("consumer");
        classic.close();
        modern.close();
    }

    @Test
    void lagFallsAsTheConsumerCommits() throws Exception {
        // given: 100 records over 2 partitions and a group member reading 10 at a time
        String topic = TopicNames.unique("console-lag");
        broker.createTopic(topic, 2);
        Producing.sendAll(broker.clients().producer(), Producing.acrossPartitions(topic, 2, "v", 50));
        String group = TopicNames.unique("lagging");
        KafkaConsumer<String, String> consumer = broker.clients().consumerProtocolConsumer(group,
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10));
        consumer.subscribe(List.of(topic));

        // when: it has consumed and committed some of them
        int consumed = 0;
        while (consumed < 30) {
            consumed += consumer.poll(Duration.ofMillis(200)).count();
        }
        consumer.commitSync();
        long lagAfterSome = 100 - consumed;

        // then
        assertThat(totalLag(group)).isEqualTo(lagAfterSome);
        JsonNode offsets = console.get("/groups/" + group).body().path("offsets");
        long sumOfPartitionLags = 0;
        for (JsonNode offset : offsets) {
            assertThat(offset.path("lag").asLong())
                    .isEqualTo(offset.path("endOffset").asLong() - offset.path("committed").asLong());
            sumOfPartitionLags += offset.path("lag").asLong();
        }
        assertThat(sumOfPartitionLags).isEqualTo(lagAfterSome);

        // when: it has consumed everything
        while (consumed < 100) {
            consumed += consumer.poll(Duration.ofMillis(200)).count();
        }
        consumer.commitSync();

        // then
        assertThat(totalLag(group)).isZero();
        consumer.close();
    }

    @Test
    void resetsOffsetsWithEveryStrategyAfterADryRun() throws Exception {
        // given: 100 records with timestamps a second apart, read and committed by a group that then stopped
        String topic = TopicNames.unique("console-reset");
        broker.createTopic(topic, 1);
        long t0 = System.currentTimeMillis() - 1_000_000;
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(new ProducerRecord<>(topic, 0, t0 + i * 1000L, "k" + i, "v" + i));
        }
        Producing.sendAll(broker.clients().producer(), records);
        String group = TopicNames.unique("resetting");
        consumeAllAndLeave(group, topic, 100);
        TopicPartition tp = new TopicPartition(topic, 0);

        // when: a dry run to the earliest offset
        Response dryRun = console.post("/groups/" + group + "/reset-offsets",
                Map.of("strategy", "earliest", "dryRun", true));

        // then: the plan, and nothing changed
        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.body().path("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.body().path("offsets")).hasSize(1);
        assertThat(dryRun.body().path("offsets").get(0).path("current").asLong()).isEqualTo(100);
        assertThat(dryRun.body().path("offsets").get(0).path("target").asLong()).isZero();
        assertThat(committed(group, tp)).isEqualTo(100);

        // when/then: executed, for each strategy
        assertThat(reset(group, Map.of("strategy", "earliest", "dryRun", false))).isZero();
        assertThat(committed(group, tp)).isZero();
        assertThat(reset(group, Map.of("strategy", "latest", "dryRun", false))).isEqualTo(100);
        assertThat(committed(group, tp)).isEqualTo(100);
        assertThat(reset(group, Map.of("strategy", "timestamp", "timestamp", t0 + 42_000, "topic", topic,
                "dryRun", false))).isEqualTo(42);
        assertThat(committed(group, tp)).isEqualTo(42);
        // a timestamp after every record: the log end offset, as the tool falls back
        assertThat(reset(group, Map.of("strategy", "timestamp", "timestamp", t0 + 10_000_000, "dryRun", false)))
                .isEqualTo(100);
        assertThat(reset(group, Map.of("strategy", "offset", "offset", 17, "topic", topic, "partitions", List.of(0),
                "dryRun", false))).isEqualTo(17);
        assertThat(committed(group, tp)).isEqualTo(17);
        // an offset outside [start, end] is clamped
        assertThat(reset(group, Map.of("strategy", "offset", "offset", 5000, "dryRun", false))).isEqualTo(100);
        assertThat(reset(group, Map.of("strategy", "offset", "offset", -3, "dryRun", false))).isZero();
        assertThat(committed(group, tp)).isZero();
    }

    @Test
    void refusesToResetOrDeleteAGroupWithMembersAndDeletesItOnceEmpty() throws Exception {
        // given: a group with a live member and committed offsets
        String topic = TopicNames.unique("console-active");
        broker.createTopic(topic, 1);
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "v", 10));
        String group = TopicNames.unique("active");
        KafkaConsumer<String, String> member = broker.clients().classicGroupConsumer(group);
        member.subscribe(List.of(topic));
        int consumed = 0;
        while (consumed < 10) {
            consumed += member.poll(Duration.ofMillis(200)).count();
        }
        member.commitSync();

        // when/then: a dry run is fine, executing is refused as the tool refuses it
        Response dryRun = console.post("/groups/" + group + "/reset-offsets",
                Map.of("strategy", "earliest", "dryRun", true));
        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.body().path("offsets").get(0).path("target").asLong()).isZero();
        Response refused = console.post("/groups/" + group + "/reset-offsets",
                Map.of("strategy", "earliest", "dryRun", false));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("NON_EMPTY_GROUP");
        assertThat(refused.body().path("error").asText()).contains("inactive");
        assertThat(committed(group, new TopicPartition(topic, 0))).isEqualTo(10);
        // and so is deleting it
        Response deleteRefused = console.delete("/groups/" + group);
        assertThat(deleteRefused.status()).isEqualTo(409);
        assertThat(deleteRefused.code()).isEqualTo("NON_EMPTY_GROUP");

        // when: the member leaves and the group is deleted
        member.close();
        Response deleted = console.delete("/groups/" + group);

        // then
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().path("deleted").asText()).isEqualTo(group);
        Response gone = console.get("/groups/" + group);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("GROUP_ID_NOT_FOUND");
        assertThat(find(console.get("/groups").body().path("groups"), group).isMissingNode()).isTrue();
    }

    @Test
    void refusesAChangingCallWithoutTheCsrfToken() {
        // a client with no session at all, as a forged cross-site request would be
        Response response = ConsoleApi.of(broker.httpPort()).deleteWithoutCsrfToken("/groups/any");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body().toString()).contains("CSRF");
    }

    private long reset(String group, Map<String, Object> body) throws Exception {
        Response response = console.post("/groups/" + group + "/reset-offsets", body);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().path("dryRun").asBoolean()).isFalse();
        return response.body().path("offsets").get(0).path("target").asLong();
    }

    private Long totalLag(String group) throws Exception {
        JsonNode row = find(console.get("/groups").body().path("groups"), group);
        return row.path("lag").isNull() ? null : row.path("lag").asLong();
    }

    private static long committed(String group, TopicPartition tp) throws Exception {
        OffsetAndMetadata offset = broker.clients().admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS).get(tp);
        return offset.offset();
    }

    private static void consumeAllAndLeave(String group, String topic, int count) {
        KafkaConsumer<String, String> consumer = broker.clients().classicGroupConsumer(group);
        consumer.subscribe(List.of(topic));
        int consumed = 0;
        while (consumed < count) {
            consumed += consumer.poll(Duration.ofMillis(200)).count();
        }
        consumer.commitSync();
        consumer.close();
    }

    private static void awaitAssigned(KafkaConsumer<String, String> consumer, int partitions) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return consumer.assignment().size() == partitions;
        });
    }

    private static JsonNode find(JsonNode groups, String groupId) {
        for (JsonNode group : groups) {
            if (group.path("groupId").asText().equals(groupId)) {
                return group;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
