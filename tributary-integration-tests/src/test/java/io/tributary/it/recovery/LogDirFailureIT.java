package io.tributary.it.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.Consuming;
import io.tributary.it.support.TestClients;
import io.tributary.server.TributaryServer;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker with two log dirs, one of which fails (its directory vanishes and a file stands in its place, so every
 * file the broker creates there fails with an I/O error, as a dead disk's would, even for root): the partitions
 * in it answer KAFKA_STORAGE_ERROR, DescribeLogDirs reports the dir with KAFKA_STORAGE_ERROR, and the broker keeps
 * serving the partitions of the other dir and puts new ones there.
 */
class LogDirFailureIT {

    private static final String TOPIC = "two-disks";
    private static final int NODE_ID = 1;

    @TempDir
    Path root;

    private TributaryServer server;
    private TestClients clients;

    @BeforeEach
    void start() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("node.id", String.valueOf(NODE_ID));
        properties.setProperty("listeners", "PLAINTEXT://localhost:0");
        properties.setProperty("log.dirs", root.resolve("disk-a") + "," + root.resolve("disk-b"));
        properties.setProperty("metadata.log.dir", root.resolve("metadata").toString());
        properties.setProperty("auto.create.topics.enable", "false");
        // the failure is noticed at the next checkpoint write, as by a broker whose clients are idle
        properties.setProperty("replica.high.watermark.checkpoint.interval.ms", "200");
        server = TributaryServer.start(properties);
        clients = new TestClients(server.bootstrapServers());
    }

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFailedLogDirTakesOnlyItsPartitionsOffline() throws Exception {
        // given a partition on each disk, with data
        clients.admin().createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(15, TimeUnit.SECONDS);
        KafkaProducer<String, String> producer = clients.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.RETRIES_CONFIG, 0, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
        for (int p = 0; p < 2; p++) {
            producer.send(new ProducerRecord<>(TOPIC, p, null, "before-" + p)).get(15, TimeUnit.SECONDS);
        }
        Map<String, LogDirDescription> dirs = describeLogDirs();
        Path failing = root.resolve("disk-a");
        int failingPartition = partitionIn(dirs.get(failing.toString()));
        int healthyPartition = partitionIn(dirs.get(root.resolve("disk-b").toString()));
        assertThat(failingPartition).isNotEqualTo(healthyPartition);

        // when disk a fails
        Utils.delete(failing.toFile());
        Files.writeString(failing, "not a directory any more");

        // then DescribeLogDirs reports it failed, and the other dir as before
        await("disk a reported failed").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> describeLogDirs().get(failing.toString()).error() instanceof KafkaStorageException);
        LogDirDescription healthy = describeLogDirs().get(root.resolve("disk-b").toString());
        assertThat(healthy.error()).isNull();
        assertThat(healthy.replicaInfos()).containsKey(new TopicPartition(TOPIC, healthyPartition));

        // and its partition refuses writes with KAFKA_STORAGE_ERROR
        Throwable refused = catchThrowable(() -> producer.send(
                new ProducerRecord<>(TOPIC, failingPartition, null, "after")).get(15, TimeUnit.SECONDS));
        assertThat(refused).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(KafkaStorageException.class);

        // while the other dir's partition takes writes and serves reads
        producer.send(new ProducerRecord<>(TOPIC, healthyPartition, null, "after-" + healthyPartition))
                .get(15, TimeUnit.SECONDS);
        List<ConsumerRecord<String, String>> read = Consuming.readToEnd(clients.consumer(),
                List.of(new TopicPartition(TOPIC, healthyPartition)));
        assertThat(read).extracting(ConsumerRecord::value)
                .containsExactly("before-" + healthyPartition, "after-" + healthyPartition);

        // and a new topic's partitions go to the healthy dir
        clients.admin().createTopics(List.of(new NewTopic("after-failure", 2, (short) 1))).all()
                .get(15, TimeUnit.SECONDS);
        producer.send(new ProducerRecord<>("after-failure", 0, null, "x")).get(15, TimeUnit.SECONDS);
        producer.send(new ProducerRecord<>("after-failure", 1, null, "y")).get(15, TimeUnit.SECONDS);
        assertThat(describeLogDirs().get(root.resolve("disk-b").toString()).replicaInfos())
                .containsKeys(new TopicPartition("after-failure", 0), new TopicPartition("after-failure", 1));
        producer.close();
    }

    private Map<String, LogDirDescription> describeLogDirs() throws Exception {
        return clients.admin().describeLogDirs(List.of(NODE_ID)).allDescriptions().get(15, TimeUnit.SECONDS)
                .get(NODE_ID);
    }

    private static int partitionIn(LogDirDescription dir) {
        assertThat(dir.replicaInfos()).as("partitions in the dir").hasSize(1);
        return dir.replicaInfos().keySet().iterator().next().partition();
    }
}
