package io.tributary.storage;

import static io.tributary.storage.LogFixture.START_MS;
import static io.tributary.storage.LogFixture.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.storage.api.LogConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a log dir's partitions on several recovery threads (num.recovery.threads.per.data.dir). */
class ParallelRecoveryTest {

    private static final LogConfig CONFIG = LogConfig.builder().segmentBytes(1024).indexIntervalBytes(64).build();
    private static final int PARTITIONS = 8;
    private static final Uuid TOPIC_ID = Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAg");

    @TempDir
    Path dir;
    LogFixture fixture;
    final Map<Integer, List<String>> expected = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(dir, new MockTime(0, START_MS, START_MS * 1_000_000L),
                StorageConfig.defaults(List.of(dir)).withCleanerEnable(false).withRecoveryThreadsPerDataDir(3));
        for (int p = 0; p < PARTITIONS; p++) {
            PartitionLog log = fixture.manager.getOrCreateLog(new TopicPartition("events", p), TOPIC_ID, CONFIG);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 30 + p; i++) {
                long offset = log.appendAsLeader(batch(START_MS + i, "p" + p + "v" + i), 1 + i / 10).firstOffset();
                values.add(offset + ":p" + p + "v" + i);
            }
            expected.put(p, values);
        }
        fixture.manager.close();
        // a crash: no clean-shutdown marker and no recovery points, so every segment of every partition is rescanned
        try {
            Files.delete(dir.resolve(".kafka_cleanshutdown"));
            Files.delete(dir.resolve("recovery-point-offset-checkpoint"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private Path partitionDir(int p) {
        return dir.resolve("events-" + p);
    }

    private Path activeSegment(int p) throws IOException {
        try (var files = Files.list(partitionDir(p))) {
            return files.filter(f -> f.toString().endsWith(".log")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    private PartitionLog log(int p) {
        return fixture.manager.getLog(new TopicPartition("events", p)).orElseThrow();
    }

    @Test
    void recoversEveryPartitionOnSeveralThreadsEachToItsOwnValidEnd() throws IOException {
        // given: a torn last batch in partition 2, garbage after the last batch in partition 5
        try (RandomAccessFile raf = new RandomAccessFile(activeSegment(2).toFile(), "rw")) {
            raf.setLength(raf.length() - 5);
        }
        Files.write(activeSegment(5), new byte[] {0, 0, 0, 0, 0, 0, 0, 60, 0, 0, 0, 99, 1, 2, 3},
                java.nio.file.StandardOpenOption.APPEND);

        // when
        fixture.start();

        // then
        assertThat(fixture.manager.logs()).hasSize(PARTITIONS);
        for (int p = 0; p < PARTITIONS; p++) {
            List<String> values = expected.get(p);
            List<String> survivors = p == 2 ? values.subList(0, values.size() - 1) : values;
            assertThat(log(p).logEndOffset()).as("partition %d", p).isEqualTo(survivors.size());
            assertThat(LogFixture.readAllValues(log(p))).as("partition %d", p).containsExactlyElementsOf(survivors);
            assertThat(log(p).latestEpoch()).as("partition %d", p).isEqualTo(1 + (survivors.size() - 1) / 10);
        }
        assertThat(dir.resolve(".kafka_cleanshutdown")).doesNotExist();
    }

    @Test
    void aPartitionThatCannotBeLoadedStopsTheStart() throws IOException {
        // given: partition 6's first segment file cannot be opened
        Path first = partitionDir(6).resolve("00000000000000000000.log");
        Files.delete(first);
        Files.createDirectory(first);

        // then
        assertThatThrownBy(fixture::start).isInstanceOf(KafkaStorageException.class)
                .hasMessageContaining("Loading logs failed");
        fixture.manager = new LogManager(fixture.storageConfig, fixture.time); // nothing loaded to close
    }
}
