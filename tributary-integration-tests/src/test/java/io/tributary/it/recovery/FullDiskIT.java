package io.tributary.it.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.Consuming;
import io.tributary.it.support.TestClients;
import io.tributary.server.TributaryServer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A log dir on a small tmpfs that fills up: writes are refused with KAFKA_STORAGE_ERROR, nothing partial is stored,
 * and the broker takes writes again once space is freed. Needs root to mount the tmpfs; skipped otherwise.
 */
class FullDiskIT {

    private static final String TOPIC = "full-disk";
    private static final int VALUE_BYTES = 10 * 1024;

    private Path mount;
    private Path metadataDir;
    private TributaryServer server;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        mount = Files.createTempDirectory("tributary-full-disk-");
        metadataDir = Files.createTempDirectory("tributary-full-disk-metadata-");
        assumeThat(run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString()))
                .as("mounting a tmpfs (needs root)").isZero();
    }

    @AfterEach
    void unmount() throws Exception {
        if (server != null) {
            server.close();
        }
        // Lazily: the closed logs' memory-mapped indexes keep the mount busy until they are garbage collected.
        run("umount", "-l", mount.toString());
        Utils.delete(metadataDir.toFile());
        Files.deleteIfExists(mount);
    }

    @Test
    void aFullDiskRefusesWritesCleanlyAndTheBrokerResumesOnceSpaceIsFreed() throws Exception {
        // given a broker whose log dir is on the small disk (its metadata log elsewhere), with some data
        server = TributaryServer.start(config());
        TestClients clients = new TestClients(server.bootstrapServers());
        clients.admin().createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
        KafkaProducer<String, String> producer = clients.producer(Map.of(
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.RETRIES_CONFIG, 0,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000));
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            acknowledged.add(send(producer, "before-" + i));
        }

        // when the disk fills up
        Path filler = mount.resolve("filler");
        fill(filler);
        Throwable refused = catchThrowable(() -> send(producer, "while-full"));

        // then the write is refused with Kafka's storage error, not stored in part
        assertThat(refused).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(KafkaStorageException.class);

        // and once space is freed the broker takes writes again
        Files.delete(filler);
        await("writes accepted again").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> acknowledged.add(send(producer, "after")));
        List<ConsumerRecord<String, String>> read = Consuming.readFromBeginning(clients.consumer(),
                Consuming.partitions(TOPIC, 1), acknowledged.size());
        assertThat(read).extracting(ConsumerRecord::value)
                .containsExactlyElementsOf(acknowledged.stream().map(FullDiskIT::value).toList());
        clients.close();
    }

    private Properties config() {
        Properties properties = new Properties();
        properties.setProperty("node.id", "1");
        properties.setProperty("listeners", "PLAINTEXT://localhost:0");
        properties.setProperty("tributary.http.listener", "http://127.0.0.1:0");
        properties.setProperty("log.dirs", mount.resolve("logs").toString());
        properties.setProperty("metadata.log.dir", metadataDir.toString());
        properties.setProperty("auto.create.topics.enable", "false");
        properties.setProperty("log.segment.bytes", Integer.toString(1024 * 1024));
        properties.setProperty("log.index.size.max.bytes", Integer.toString(64 * 1024));
        return properties;
    }

    /** Sends one record whose value is the tag padded to 10 KiB; returns the tag once acknowledged. */
    private static String send(KafkaProducer<String, String> producer, String tag) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, 0, null, value(tag))).get(15, TimeUnit.SECONDS);
        return tag;
    }

    private static String value(String tag) {
        return tag + "|" + "x".repeat(VALUE_BYTES);
    }

    /** Writes until the file system refuses: no space is left for anyone. */
    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 1024; i++) {
                out.write(chunk);
            }
        } catch (IOException expected) {
            return; // ENOSPC: the disk is full
        }
        throw new IllegalStateException("the 16 MiB disk did not fill up");
    }

    private static int run(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
