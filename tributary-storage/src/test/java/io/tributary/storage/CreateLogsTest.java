package io.tributary.storage;

import static io.tributary.storage.LogFixture.batch;
import static io.tributary.storage.LogFixture.readAllValues;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.checkpoint.PartitionMetadataFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logs of a new topic's many partitions, created together ({@link LogManager#createLogs}). */
class CreateLogsTest {

    private static final Uuid TOPIC_ID = Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ");

    @TempDir
    Path root;

    private Path diskA;
    private Path diskB;
    private LogManager manager;

    @BeforeEach
    void twoLogDirs() throws IOException {
        diskA = Files.createDirectories(root.resolve("disk-a"));
        diskB = Files.createDirectories(root.resolve("disk-b"));
        manager = new LogManager(StorageConfig.defaults(List.of(diskA, diskB)).withCleanerEnable(false),
                Time.SYSTEM);
        manager.startup();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void createsEveryLogWithItsTopicIdSpreadEvenlyOverTheLogDirs() throws Exception {
        // given: one partition already in disk-a
        manager.getOrCreateLog(new TopicPartition("orders", 0), TOPIC_ID, LogConfig.defaults());

        // when: the other 40 partitions of the topic at once
        manager.createLogs(newLogs(1, 41));

        // then: all 41 are registered, 21 on one disk and 20 on the other, each with its topic id, and writable
        assertThat(manager.logs()).hasSize(41);
        Map<Path, Long> perDir = manager.logs().values().stream()
                .collect(Collectors.groupingBy(log -> log.dir().toPath().getParent(), Collectors.counting()));
        assertThat(perDir.values()).containsExactlyInAnyOrder(21L, 20L);
        for (PartitionLog log : manager.logs().values()) {
            assertThat(PartitionMetadataFile.read(log.dir().toPath())).contains(TOPIC_ID);
        }
        // and the ones led here start with their leader epoch from offset 0, the others with none
        assertThat(manager.getLog(new TopicPartition("orders", 2)).orElseThrow().latestEpoch()).isEqualTo(3);
        assertThat(manager.getLog(new TopicPartition("orders", 1)).orElseThrow().latestEpoch()).isEqualTo(-1);
        PartitionLog last = manager.getLog(new TopicPartition("orders", 40)).orElseThrow();
        last.appendAsLeader(batch(1L, "v"), 3);
        assertThat(readAllValues(last)).containsExactly("0:v");
    }

    @Test
    void existingLogsAreKeptAsTheyAre() {
        // given
        PartitionLog existing = manager.getOrCreateLog(new TopicPartition("orders", 0), TOPIC_ID,
                LogConfig.defaults());
        existing.appendAsLeader(batch(1L, "kept"), 0);

        // when
        manager.createLogs(newLogs(0, 3));

        // then
        assertThat(manager.logs()).hasSize(3);
        assertThat(manager.getLog(new TopicPartition("orders", 0))).containsSame(existing);
        assertThat(readAllValues(existing)).containsExactly("0:kept");
    }

    @Test
    void aFailingLogDirGoesOfflineAndTheLogsOfTheOtherDirAreCreated() throws IOException {
        // given: disk-a's disk failed (a plain file where the directory was)
        Utils.delete(diskA.toFile());
        Files.writeString(diskA, "not a directory any more");

        // when
        manager.createLogs(newLogs(0, 10));

        // then: the half placed on disk-b exist and serve; disk-a is offline, and nothing of it is registered
        assertThat(manager.offlineLogDirs()).containsExactly(diskA);
        assertThat(manager.logs()).hasSize(5);
        assertThat(manager.logs().values()).allMatch(log -> log.dir().toPath().getParent().equals(diskB));
    }

    private static List<LogManager.NewLog> newLogs(int from, int to) {
        List<LogManager.NewLog> logs = new ArrayList<>();
        for (int p = from; p < to; p++) {
            logs.add(new LogManager.NewLog(new TopicPartition("orders", p), TOPIC_ID, LogConfig.defaults(), p % 2 == 0 ? 3 : -1));
        }
        return logs;
    }
}
