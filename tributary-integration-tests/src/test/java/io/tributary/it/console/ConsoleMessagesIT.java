package io.tributary.it.console;

import static io.tributary.it.console.ConsoleApi.query;
import static io.tributary.it.console.ConsoleApi.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.it.console.ConsoleApi.Event;
import io.tributary.it.console.ConsoleApi.EventStream;
import io.tributary.it.support.EmbeddedBroker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's messages API on one broker: browse from the beginning, an offset, a timestamp and the end; produce
 * a test message and read it back; search next to the log by substring and regex in keys and values, over
 * uncompressed, lz4 and zstd batches, within its limits; and a live tail.
 */
class ConsoleMessagesIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    private static final String BROWSED = "console-browse";
    private static final long BASE_TIME = 1_700_000_000_000L;

    private static ConsoleApi api;

    @BeforeAll
    static void produceBrowsedTopic() throws Exception {
        api = ConsoleApi.of(broker.httpPort());
        broker.createTopic(BROWSED, 3);
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            // 10 records per partition, timestamps BASE_TIME + 10 * i + partition: all distinct, ordered by i
            for (int i = 0; i < 10; i++) {
                for (int p = 0; p < 3; p++) {
                    producer.send(new ProducerRecord<>(BROWSED, p, BASE_TIME + 10L * i + p, "k" + p + "-" + i,
                            "v" + p + "-" + i)).get();
                }
            }
        }
    }

    static List<String> values(JsonNode messages) {
        List<String> values = new ArrayList<>();
        messages.forEach(m -> values.add(text(m.get("value"))));
        return values;
    }

    @Test
    void browsesFromTheBeginningAnOffsetATimestampAndTheEnd() throws Exception {
        JsonNode beginning = api.get("/topics/" + BROWSED + "/messages" + query(Map.of("partition", 1,
                "from", "beginning", "limit", 4))).body();
        assertThat(values(beginning.get("messages"))).containsExactly("v1-0", "v1-1", "v1-2", "v1-3");
        assertThat(beginning.get("nextOffsets").get("1").asLong()).isEqualTo(4);
        JsonNode first = beginning.get("messages").get(0);
        assertThat(first.get("partition").asInt()).isEqualTo(1);
        assertThat(first.get("offset").asLong()).isZero();
        assertThat(first.get("timestamp").asLong()).isEqualTo(BASE_TIME + 1);
        assertThat(first.get("timestampType").asText()).isEqualTo("CreateTime");
        assertThat(text(first.get("key"))).isEqualTo("k1-0");
        assertThat(first.get("valueSize").asInt()).isEqualTo(4);
        assertThat(first.get("truncated").asBoolean()).isFalse();

        JsonNode fromOffset = api.get("/topics/" + BROWSED + "/messages" + query(Map.of("partition", 2,
                "from", "offset", "offset", 7, "limit", 50))).body();
        assertThat(values(fromOffset.get("messages"))).containsExactly("v2-7", "v2-8", "v2-9");
        assertThat(fromOffset.get("nextOffsets").get("2").asLong()).isEqualTo(10);

        JsonNode fromTime = api.get("/topics/" + BROWSED + "/messages" + query(Map.of("partition", 0,
                "from", "timestamp", "timestamp", BASE_TIME + 75, "limit", 50))).body();
        assertThat(values(fromTime.get("messages"))).containsExactly("v0-8", "v0-9");

        JsonNode end = api.get("/topics/" + BROWSED + "/messages" + query(Map.of("partition", "all",
                "from", "end", "limit", 6))).body();
        assertThat(values(end.get("messages"))).containsExactly("v0-8", "v1-8", "v2-8", "v0-9", "v1-9", "v2-9");
        assertThat(end.get("nextOffsets").get("0").asLong()).isEqualTo(10);
    }

    @Test
    void fromTheEndGivesTheNewestMessagesAcrossPartitionsByTimestamp() throws Exception {
        String topic = "console-browse-newest";
        broker.createTopic(topic, 4);
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            // p0 and p1 interleave (p0 at 10 * i, p1 at 10 * i + 5); p2 is newest; p3 stays empty. Sent p2 first,
            // so neither partition order nor send order is timestamp order.
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, 2, BASE_TIME + 200 + i, "k2-" + i, "v2-" + i)).get();
            }
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, 1, BASE_TIME + 10L * i + 5, "k1-" + i, "v1-" + i)).get();
                producer.send(new ProducerRecord<>(topic, 0, BASE_TIME + 10L * i, "k0-" + i, "v0-" + i)).get();
            }
        }
        JsonNode end = api.get("/topics/" + topic + "/messages?partition=all&from=end&limit=5").body();
        assertThat(values(end.get("messages"))).containsExactly("v0-9", "v1-9", "v2-0", "v2-1", "v2-2");
        assertThat(end.get("messages")).extracting(m -> m.get("timestamp").asLong()).containsExactly(
                BASE_TIME + 90, BASE_TIME + 95, BASE_TIME + 200, BASE_TIME + 201, BASE_TIME + 202);
        assertThat(end.get("messages")).extracting(m -> m.get("partition").asInt() + "/" + m.get("offset").asLong())
                .containsExactly("0/9", "1/9", "2/0", "2/1", "2/2");
        assertThat(text(end.get("messages").get(4).get("key"))).isEqualTo("k2-2");
        JsonNode next = end.get("nextOffsets");
        assertThat(List.of(next.get("0").asLong(), next.get("1").asLong(), next.get("2").asLong(),
                next.get("3").asLong())).containsExactly(10L, 10L, 3L, 0L);

        JsonNode more = api.get("/topics/" + topic + "/messages?partition=all&from=end&limit=9").body();
        assertThat(values(more.get("messages"))).containsExactly("v0-7", "v1-7", "v0-8", "v1-8", "v0-9", "v1-9",
                "v2-0", "v2-1", "v2-2");
        JsonNode one = api.get("/topics/" + topic + "/messages?partition=1&from=end&limit=2").body();
        assertThat(values(one.get("messages"))).containsExactly("v1-8", "v1-9");
    }

    @Test
    void searchesFromATimestampButNotFromTheEnd() throws Exception {
        List<Event> fromTime = api.events("/topics/" + BROWSED + "/search" + query(Map.of("q", "v0-",
                "from", "timestamp", "timestamp", BASE_TIME + 75)));
        assertThat(matches(fromTime)).extracting(m -> text(m.get("value"))).containsExactly("v0-8", "v0-9");
        assertThat(last(fromTime).get("scannedRecords").asLong()).isEqualTo(6); // offsets 8 and 9 of each partition

        List<Event> fromEnd = api.events("/topics/" + BROWSED + "/search?q=v&from=end");
        assertThat(fromEnd).last().satisfies(e -> {
            assertThat(e.name()).isEqualTo("failure");
            assertThat(e.data().get("status").asInt()).isEqualTo(400);
        });
    }

    @Test
    void unknownTopicIsA404() throws Exception {
        ConsoleApi.Response response = api.get("/topics/no-such-topic/messages");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().get("code").asText()).isEqualTo("UNKNOWN_TOPIC_OR_PARTITION");
        List<Event> events = api.events("/topics/no-such-topic/search?q=x");
        assertThat(events).last().satisfies(e -> {
            assertThat(e.name()).isEqualTo("failure");
            assertThat(e.data().get("code").asText()).isEqualTo("UNKNOWN_TOPIC_OR_PARTITION");
        });
    }

    @Test
    void producesATestMessageAndBrowsesItBack() throws Exception {
        String topic = "console-produce";
        broker.createTopic(topic, 2);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("partition", 1);
        message.put("key", "order-1");
        message.put("value", "{\"total\": 42}");
        message.put("headers", List.of(Map.of("key", "source", "value", "console")));
        ConsoleApi.Response produced = api.post("/topics/" + topic + "/messages", message);
        assertThat(produced.status()).isEqualTo(200);
        assertThat(produced.body().get("partition").asInt()).isEqualTo(1);
        assertThat(produced.body().get("offset").asLong()).isZero();
        assertThat(produced.body().get("timestamp").asLong()).isPositive();

        JsonNode browsed = api.get("/topics/" + topic + "/messages?partition=1&from=offset&offset=0").body();
        JsonNode read = browsed.get("messages").get(0);
        assertThat(text(read.get("key"))).isEqualTo("order-1");
        assertThat(text(read.get("value"))).isEqualTo("{\"total\": 42}");
        assertThat(read.get("headers").get(0).get("key").asText()).isEqualTo("source");
        assertThat(text(read.get("headers").get(0).get("value"))).isEqualTo("console");

        // a value over 64 KiB is cut in the answer, its size kept
        String big = "x".repeat(100 * 1024);
        long bigOffset = api.post("/topics/" + topic + "/messages", Map.of("partition", 0, "value", big)).body()
                .get("offset").asLong();
        JsonNode cut = api.get("/topics/" + topic + "/messages?partition=0&from=offset&offset=" + bigOffset).body()
                .get("messages").get(0);
        assertThat(cut.get("truncated").asBoolean()).isTrue();
        assertThat(cut.get("valueSize").asInt()).isEqualTo(100 * 1024);
        assertThat(text(cut.get("value"))).hasSize(64 * 1024);
        assertThat(cut.get("key").isNull()).isTrue();
        assertThat(cut.get("keySize").asInt()).isEqualTo(-1);

        Map<String, Object> wrongPartition = Map.of("partition", 9, "value", "x");
        assertThat(api.post("/topics/" + topic + "/messages", wrongPartition).status()).isEqualTo(404);
        assertThat(api.post("/topics/no-such-topic/messages", Map.of("value", "x")).status()).isEqualTo(404);
    }

    @Test
    void searchesValuesAndKeysBySubstringAndRegexOverEveryCompression() throws Exception {
        for (String compression : List.of("none", "lz4", "zstd")) {
            String topic = "console-search-" + compression;
            broker.createTopic(topic, 3);
            try (KafkaProducer<String, String> producer = broker.clients().producer(Map.of(
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, compression, ProducerConfig.LINGER_MS_CONFIG, 20))) {
                List<CompletableFuture<?>> sent = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    String value = i % 50 == 7 ? "payment failed for order " + i : "payment ok for order " + i;
                    CompletableFuture<Object> done = new CompletableFuture<>();
                    producer.send(new ProducerRecord<>(topic, i % 3, "customer-" + i, value),
                            (m, e) -> done.complete(null));
                    sent.add(done);
                }
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            }
            // i = 7, 57, 107, 157, 207, 257: partitions 1, 0, 2, 1, 0, 2
            List<Event> events = api.events("/topics/" + topic + "/search" + query(Map.of("q", "failed")));
            assertThat(matches(events)).extracting(m -> text(m.get("key"))).containsExactlyInAnyOrder(
                    "customer-7", "customer-57", "customer-107", "customer-157", "customer-207", "customer-257");
            assertThat(matches(events)).extracting(m -> m.get("partition").asInt()).contains(0, 1, 2);
            JsonNode done = events.get(events.size() - 1).data();
            assertThat(events.get(events.size() - 1).name()).isEqualTo("done");
            assertThat(done.get("reason").asText()).isEqualTo("complete");
            assertThat(done.get("matches").asLong()).isEqualTo(6);
            assertThat(done.get("scannedRecords").asLong()).isEqualTo(300);
            assertThat(done.get("scannedBytes").asLong()).isPositive();
            assertThat(done.get("partitionsDone").asInt()).isEqualTo(3);

            List<Event> regex = api.events("/topics/" + topic + "/search" + query(Map.of("q", "^customer-1\\d7$",
                    "mode", "regex", "field", "key")));
            assertThat(matches(regex)).extracting(m -> text(m.get("key")))
                    .containsExactlyInAnyOrder("customer-107", "customer-117", "customer-127", "customer-137",
                            "customer-147", "customer-157", "customer-167", "customer-177", "customer-187",
                            "customer-197");
            List<Event> keyNotValue = api.events("/topics/" + topic + "/search" + query(Map.of("q", "customer-7",
                    "field", "value")));
            assertThat(matches(keyNotValue)).isEmpty();
            List<Event> fromOffset = api.events("/topics/" + topic + "/search" + query(Map.of("q", "failed",
                    "partition", 1, "from", "offset", "offset", 50)));
            assertThat(matches(fromOffset)).extracting(m -> text(m.get("key"))).containsExactly("customer-157");
        }
    }

    @Test
    void searchStopsAtItsLimitsWithTheReason() throws Exception {
        String topic = "console-search-limits";
        broker.createTopic(topic, 1);
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, "needle " + i)).get();
            }
        }
        List<Event> maxMatches = api.events("/topics/" + topic + "/search?q=needle&maxMatches=3");
        assertThat(matches(maxMatches)).hasSize(3);
        assertThat(last(maxMatches).get("reason").asText()).isEqualTo("maxMatches");

        List<Event> maxBytes = api.events("/topics/" + topic + "/search?q=nothing-like-this&maxBytes=500");
        assertThat(last(maxBytes).get("reason").asText()).isEqualTo("maxBytes");
        assertThat(last(maxBytes).get("scannedBytes").asLong()).isBetween(500L, 2000L);
        assertThat(last(maxBytes).get("scannedRecords").asLong()).isLessThan(100);

        List<Event> everything = api.events("/topics/" + topic + "/search?q=nothing-like-this");
        assertThat(last(everything).get("reason").asText()).isEqualTo("complete");
        assertThat(last(everything).get("scannedRecords").asLong()).isEqualTo(100);

        List<Event> badRegex = api.events("/topics/" + topic + "/search?q=(&mode=regex");
        assertThat(badRegex).last().extracting(Event::name).isEqualTo("failure");
    }

    @Test
    void tailSendsRecordsProducedAfterItStarts() throws Exception {
        String topic = "console-tail";
        broker.createTopic(topic, 2);
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            producer.send(new ProducerRecord<>(topic, 0, "old", "before the tail")).get();
            try (EventStream tail = api.stream("/topics/" + topic + "/tail")) {
                Event ready = tail.next();
                assertThat(ready.name()).isEqualTo("ready");
                assertThat(ready.data().get("startOffsets").get("0").asLong()).isEqualTo(1);
                producer.send(new ProducerRecord<>(topic, 1, "new", "after the tail started")).get();
                Event message = tail.next();
                assertThat(message.name()).isEqualTo("message");
                assertThat(text(message.data().get("value"))).isEqualTo("after the tail started");
                assertThat(message.data().get("partition").asInt()).isEqualTo(1);
            }
        }
    }

    static List<JsonNode> matches(List<Event> events) {
        return events.stream().filter(e -> e.name().equals("match")).map(Event::data).toList();
    }

    static JsonNode last(List<Event> events) {
        assertThat(events).isNotEmpty();
        return events.get(events.size() - 1).data();
    }
}
