package io.tributary.it.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import io.tributary.it.support.Consuming;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unmodified Kafka Streams word count with processing.guarantee=exactly_once_v2: it needs transactions, the
 * group coordinator, internal topic creation and read_committed reads all working together.
 */
@Tag("transactions")
class KafkaStreamsEosIT {

    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @TempDir
    Path stateDir;

    @Test
    void wordCountWithExactlyOnceV2ProducesExactCounts() throws Exception {
        // given
        String input = TopicNames.unique("streams-lines");
        String output = TopicNames.unique("streams-counts");
        broker.createTopic(input, 2);
        broker.createTopic(output, 1);
        List<String> lines = List.of("the quick brown fox", "the lazy dog", "The fox");
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        lines.forEach(line -> records.add(new ProducerRecord<>(input, null, line)));
        Producing.sendAll(broker.clients().producer(), records);
        AtomicReference<Throwable> streamsFailure = new AtomicReference<>();

        // when
        try (KafkaStreams streams = new KafkaStreams(wordCount(input, output), streamsConfig())) {
            streams.setUncaughtExceptionHandler(error -> {
                streamsFailure.set(error);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();

            // then with caching off every increment is emitted once: each word's counts run 1..n without repeats
            Map<String, List<String>> countsByWord = readCountsUntil(output, streamsFailure, Map.of(
                    "the", 3, "fox", 2, "quick", 1, "brown", 1, "lazy", 1, "dog", 1));
            assertThat(countsByWord).containsOnly(
                    Map.entry("the", List.of("1", "2", "3")),
                    Map.entry("fox", List.of("1", "2")),
                    Map.entry("quick", List.of("1")),
                    Map.entry("brown", List.of("1")),
                    Map.entry("lazy", List.of("1")),
                    Map.entry("dog", List.of("1")));
            streams.close(Duration.ofSeconds(15));
        }
    }

    private static Topology wordCount(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream(input)
                .flatMapValues(line -> Arrays.asList(line.toLowerCase().split("\\W+")))
                .groupBy((key, word) -> word)
                .count()
                .toStream()
                .mapValues(count -> Long.toString(count))
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private Properties streamsConfig() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, TopicNames.unique("wordcount"));
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // No record cache: every count update reaches the output, so duplicates would show.
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return config;
    }

    /** Reads the output with read_committed until every word has reached its expected count, or fails. */
    private static Map<String, List<String>> readCountsUntil(String output, AtomicReference<Throwable> streamsFailure,
                                                             Map<String, Integer> finalCounts) {
        KafkaConsumer<String, String> reader = broker.clients().readCommittedConsumer();
        reader.assign(Consuming.partitions(output, 1));
        Map<String, List<String>> countsByWord = new LinkedHashMap<>();
        await("word counts " + finalCounts).atMost(RESULT_TIMEOUT).pollInterval(Duration.ZERO)
                .failFast("Kafka Streams failed", () -> {
                    if (streamsFailure.get() != null) {
                        throw new AssertionError("stream thread died", streamsFailure.get());
                    }
                })
                .until(() -> {
                    reader.poll(Duration.ofMillis(200)).forEach(record ->
                            countsByWord.computeIfAbsent(record.key(), word -> new ArrayList<>()).add(record.value()));
                    return finalCounts.entrySet().stream().allMatch(expected -> {
                        List<String> counts = countsByWord.getOrDefault(expected.getKey(), List.of());
                        return !counts.isEmpty() && counts.get(counts.size() - 1).equals(expected.getValue().toString());
                    });
                });
        // One more poll: a duplicate written after the final count would be caught here.
        reader.poll(Duration.ofMillis(500)).forEach(record ->
                countsByWord.computeIfAbsent(record.key(), word -> new ArrayList<>()).add(record.value()));
        return countsByWord;
    }
}
