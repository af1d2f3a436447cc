package example.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.embedded.junit.BootstrapServers;
import io.tributary.embedded.junit.Tributary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology against a real broker rather than {@code TopologyTestDriver}: repartition and changelog topics,
 * consumer group rebalancing and exactly-once transactions all run as in production.
 */
@Tributary
class WordCountTest {

    @Test
    void countsWordsExactlyOnce(@BootstrapServers String bootstrap, Admin admin, @TempDir Path stateDir)
            throws Exception {
        // given the input and output topics and a running topology
        admin.createTopics(List.of(new NewTopic("lines", 2, (short) 1), new NewTopic("counts", 2, (short) 1)))
                .all().get();
        var config = WordCount.config("word-count", bootstrap);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir.resolve("streams")).toString());
        try (KafkaStreams streams = new KafkaStreams(WordCount.topology("lines", "counts"), config)) {
            streams.start();

            // when lines are produced
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("lines", "the quick brown fox"));
                producer.send(new ProducerRecord<>("lines", "the lazy dog"));
                producer.send(new ProducerRecord<>("lines", "The end"));
            }

            // then a read_committed consumer sees the final counts
            Map<String, Long> counts = new HashMap<>();
            try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "counts-reader",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString()),
                    new StringDeserializer(), new LongDeserializer())) {
                consumer.subscribe(List.of("counts"));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> counts.put(r.key(), r.value()));
                    assertThat(counts).containsEntry("the", 3L).containsEntry("fox", 1L).containsEntry("end", 1L);
                });
            }
            assertThat(counts).hasSize(7);
        }
    }
}
