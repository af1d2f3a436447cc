package io.tributary.it.produce;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.FileRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicCompressionIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void topicCompressionTypeRecompressesWhatTheProducerSent() throws Exception {
        // given a gzip topic and an uncompressed producer
        broker.createTopic("gzip-topic", 1, Map.of("compression.type", "gzip"));
        KafkaProducer<String, String> producer = broker.clients().producer(Map.of("compression.type", "none"));

        // when
        for (int i = 0; i < 20; i++) {
            producer.send(new ProducerRecord<>("gzip-topic", "k" + i, "value-" + i)).get(15, TimeUnit.SECONDS);
        }

        // then consumers read the same records back
        KafkaConsumer<String, String> consumer = broker.clients().consumer();
        TopicPartition tp = new TopicPartition("gzip-topic", 0);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        List<String> values = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 15_000;
        while (values.size() < 20 && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                values.add(r.value());
            }
        }
        assertThat(values).hasSize(20).startsWith("value-0").endsWith("value-19");

        // and the batches on disk are gzip
        Path segment;
        try (Stream<Path> files = Files.walk(broker.logDir())) {
            segment = files.filter(p -> p.toString().contains("gzip-topic-0") && p.toString().endsWith(".log"))
                    .findFirst().orElseThrow();
        }
        try (FileRecords records = FileRecords.open(segment.toFile(), false)) {
            List<CompressionType> compressions = new ArrayList<>();
            records.batches().forEach(batch -> compressions.add(batch.compressionType()));
            assertThat(compressions).isNotEmpty().containsOnly(CompressionType.GZIP);
        }
    }
}
