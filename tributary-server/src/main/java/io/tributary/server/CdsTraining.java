package io.tributary.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * A short, throw-away broker session (temp dir, ephemeral port) that exercises start-up and the common request
 * paths, run once by bin/tributary-server.sh under {@code -XX:ArchiveClassesAtExit}: the resulting class-data
 * archive lets later starts skip most class loading and verification.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        // As TributaryServer.main does, so that the preloading's own class is archived too.
        ClassPreloading preloading = ClassPreloading.startInBackground();
        org.slf4j.LoggerFactory.getILoggerFactory();
        preloading.loggingReady();
        Path dir = Files.createTempDirectory("tributary-cds-");
        Properties props = new Properties();
        props.setProperty("listeners", "PLAINTEXT://localhost:0");
        props.setProperty("log.dirs", dir.resolve("logs").toString());
        props.setProperty("offsets.topic.num.partitions", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        try (TributaryServer server = TributaryServer.start(props)) {
            exercise(server.bootstrapServers());
        } finally {
            Utils.delete(dir.toFile());
        }
    }

    private static void exercise(String bootstrap) throws Exception {
        Map<String, Object> common = Map.of("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic("cds", 1, (short) 1))).all().get();
            admin.describeCluster().nodes().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(common, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("cds", new byte[16])).get();
        }
        Map<String, Object> consumerConfig = Map.of("bootstrap.servers", bootstrap, "group.id", "cds",
                "auto.offset.reset", "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("cds"));
            long deadline = System.currentTimeMillis() + 10_000;
            while (consumer.poll(Duration.ofMillis(100)).isEmpty() && System.currentTimeMillis() < deadline) {
                // wait for the group to form and the record to arrive
            }
            consumer.commitSync();
            consumer.committed(java.util.Set.of(new TopicPartition("cds", 0)));
        }
    }
}
