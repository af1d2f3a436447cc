package io.tributary.storage;

import static io.tributary.storage.LogFixture.batch;
import static io.tributary.storage.LogFixture.readAllValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.storage.api.LogConfig;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log dir whose disk fails (here: the directory vanishes and a plain file takes its place, so every file
 * created in it fails with an I/O error, even for root) goes offline with its partitions; the other log dir
 * keeps serving.
 */
class LogDirFailureTest {

    private static final TopicPartition FIRST = new TopicPartition("orders", 0);
    private static final TopicPartition SECOND = new TopicPartition("orders", 1);
    private static final Uuid TOPIC_ID = Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ");

    @TempDir
    Path root;

    private Path failing;
    private Path healthy;
    private LogManager manager;
    private final Map<Path, Set<TopicPartition>> heard = new ConcurrentHashMap<>();

    @BeforeEach
    void twoLogDirsWithOnePartitionEach() throws IOException {
        failing = Files.createDirectories(root.resolve("disk-a"));
        healthy = Files.createDirectories(root.resolve("disk-b"));
        manager = new LogManager(StorageConfig.defaults(List.of(failing, healthy)).withCleanerEnable(false),
                Time.SYSTEM);
        manager.startup();
        manager.addLogDirFailureListener(heard::put);
        manager.getOrCreateLog(FIRST, TOPIC_ID, LogConfig.defaults()).appendAsLeader(batch(1L, "a1"), 0);
        manager.getOrCreateLog(SECOND, TOPIC_ID, LogConfig.defaults()).appendAsLeader(batch(1L, "b1"), 0);
        assertThat(manager.getLog(FIRST).orElseThrow().dir().toPath().getParent()).isEqualTo(failing);
        assertThat(manager.getLog(SECOND).orElseThrow().dir().toPath().getParent()).isEqualTo(healthy);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aFailedCheckpointWriteTakesTheDirOfflineAndTheOtherDirKeepsServing() throws IOException {
        // given
        PartitionLog first = manager.getLog(FIRST).orElseThrow();
        breakDisk(failing);

        // when a checkpoint cannot be written there
        manager.checkpointAll();

        // then the dir and its partition are offline, and so said the listener
        assertThat(manager.offlineLogDirs()).containsExactly(failing);
        assertThat(manager.isOffline(FIRST)).isTrue();
        assertThat(manager.isOffline(SECOND)).isFalse();
        assertThat(manager.getLog(FIRST)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.containsKey(failing));
        assertThat(heard).containsExactly(Map.entry(failing, Set.of(FIRST)));
        // and its partition refuses appends and reads with KAFKA_STORAGE_ERROR, and is not recreated elsewhere
        assertThatThrownBy(() -> first.appendAsLeader(batch(2L, "a2"), 0)).isInstanceOf(KafkaStorageException.class);
        assertThatThrownBy(() -> first.read(0, 1024, Long.MAX_VALUE, true))
                .isInstanceOf(KafkaStorageException.class);
        assertThatThrownBy(() -> manager.getOrCreateLog(FIRST, TOPIC_ID, LogConfig.defaults()))
                .isInstanceOf(KafkaStorageException.class);
        // while the other dir serves as before, and takes the new logs
        PartitionLog second = manager.getLog(SECOND).orElseThrow();
        second.appendAsLeader(batch(2L, "b2"), 0);
        second.updateHighWatermark(second.logEndOffset());
        assertThat(readAllValues(second)).containsExactly("0:b1", "1:b2");
        TopicPartition third = new TopicPartition("orders", 2);
        assertThat(manager.getOrCreateLog(third, TOPIC_ID, LogConfig.defaults()).dir().toPath().getParent())
                .isEqualTo(healthy);
        manager.checkpointAll(); // skips the offline dir
        assertThat(manager.offlineLogDirs()).containsExactly(failing);
    }

    @Test
    void anAppendThatCannotRollItsSegmentFailsWithAStorageErrorAndTakesTheDirOffline() throws Exception {
        // given a partition whose next append must start a new segment
        PartitionLog first = manager.getLog(FIRST).orElseThrow();
        manager.updateConfig(FIRST, LogConfig.defaults().toBuilder().segmentBytes(100).build());
        breakDisk(failing);
        Thread.sleep(5);

        // when
        assertThatThrownBy(() -> first.appendAsLeader(batch(2L, "a2"), 0))
                .isInstanceOf(KafkaStorageException.class);

        // then
        assertThat(manager.offlineLogDirs()).containsExactly(failing);
        assertThat(manager.isOffline(FIRST)).isTrue();
        assertThat(manager.getLog(SECOND).orElseThrow().appendAsLeader(batch(2L, "b2"), 0).firstOffset())
                .isEqualTo(1L);
    }

    @Test
    void aFullDiskOrAClosedChannelIsNotADirFailure() {
        assertThat(OfflineLogDirs.isDirFailure(new IOException("No space left on device"))).isFalse();
        assertThat(OfflineLogDirs.isDirFailure(new java.io.UncheckedIOException(
                new IOException("No space left on device")))).isFalse();
        assertThat(OfflineLogDirs.isDirFailure(new ClosedChannelException())).isFalse();
        assertThat(OfflineLogDirs.isDirFailure(new IOException("Input/output error"))).isTrue();
        assertThat(OfflineLogDirs.isDirFailure(new java.nio.file.NotDirectoryException("x"))).isTrue();
    }

    /** The directory is gone and a file stands in its place: creating any file in it fails, whoever we are. */
    private static void breakDisk(Path dir) throws IOException {
        Utils.delete(dir.toFile());
        Files.writeString(dir, "not a directory any more");
    }
}
