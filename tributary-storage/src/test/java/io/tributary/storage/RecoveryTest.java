package io.tributary.storage;

import static io.tributary.storage.LogFixture.START_MS;
import static io.tributary.storage.LogFixture.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.EpochEndOffset;
import io.tributary.storage.api.LogConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {

    private static final LogConfig CONFIG = LogConfig.builder().segmentBytes(1024).indexIntervalBytes(64).build();

    @TempDir
    Path dir;
    LogFixture fixture;
    List<String> expected = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(dir);
        PartitionLog log = fixture.log(CONFIG);
        for (int i = 0; i < 60; i++) {
            AppendResult r = log.appendAsLeader(batch(START_MS + i, "v" + i), 1 + i / 20);
            expected.add(r.firstOffset() + ":v" + i);
            if (i == 39) {
                log.updateHighWatermark(log.logEndOffset()); // what the broker does as the replicas catch up
            }
        }
        fixture.manager.close();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private Path partitionDir() {
        return dir.resolve("orders-0");
    }

    private Path activeSegment() throws IOException {
        try (var files = Files.list(partitionDir())) {
            return files.filter(p -> p.toString().endsWith(".log")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    /** Simulates a crash: no clean-shutdown marker and no recovery-point checkpoint, so every segment is rescanned. */
    private PartitionLog reopenUnclean() throws IOException {
        Files.delete(dir.resolve(".kafka_cleanshutdown"));
        Files.delete(dir.resolve("recovery-point-offset-checkpoint"));
        fixture.start();
        return fixture.manager.getLog(LogFixture.TP).orElseThrow();
    }

    @Test
    void truncatesGarbageAppendedAfterTheLastBatch() throws IOException {
        // given
        Files.write(activeSegment(), new byte[] {0, 0, 0, 0, 0, 0, 0, 60, 0, 0, 0, 99, 1, 2, 3},
                java.nio.file.StandardOpenOption.APPEND);

        // when
        PartitionLog log = reopenUnclean();

        // then
        assertThat(log.logEndOffset()).isEqualTo(60);
        assertThat(LogFixture.readAllValues(log)).containsExactlyElementsOf(expected);
        assertThat(log.appendAsLeader(batch(START_MS, "after"), 5).firstOffset()).isEqualTo(60);
    }

    @Test
    void truncatesATornBatchInTheMiddleOfAWrite() throws IOException {
        // given
        Path active = activeSegment();
        try (RandomAccessFile raf = new RandomAccessFile(active.toFile(), "rw")) {
            raf.setLength(raf.length() - 5);
        }

        // when
        PartitionLog log = reopenUnclean();

        // then
        assertThat(log.logEndOffset()).isEqualTo(59);
        assertThat(LogFixture.readAllValues(log)).containsExactlyElementsOf(expected.subList(0, 59));
    }

    @Test
    void dropsSegmentsAfterACorruptBatch() throws IOException {
        // given: flip a byte inside the first segment's second batch
        Path first = partitionDir().resolve("00000000000000000000.log");
        try (RandomAccessFile raf = new RandomAccessFile(first.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0xFF);
        }

        // when
        PartitionLog log = reopenUnclean();

        // then
        assertThat(log.numberOfSegments()).isEqualTo(1);
        assertThat(log.logEndOffset()).isLessThan(60);
        assertThat(LogFixture.readAllValues(log)).containsExactlyElementsOf(expected.subList(0, (int) log.logEndOffset()));
        assertThat(log.endOffsetForEpoch(1).endOffset()).isEqualTo(log.logEndOffset());
    }

    @Test
    void rebuildsDeletedIndexesAfterACleanStop() throws IOException {
        // given
        try (var files = Files.list(partitionDir())) {
            for (Path p : files.filter(p -> p.toString().endsWith("index")).toList()) Files.delete(p);
        }

        // when
        fixture.start();
        PartitionLog log = fixture.manager.getLog(LogFixture.TP).orElseThrow();

        // then
        assertThat(log.logEndOffset()).isEqualTo(60);
        assertThat(LogFixture.readAllValues(log)).containsExactlyElementsOf(expected);
        assertThat(log.offsetForTimestamp(START_MS + 30)).hasValueSatisfying(f -> assertThat(f.offset()).isEqualTo(30));
        try (var files = Files.list(partitionDir())) {
            assertThat(files.filter(p -> p.toString().endsWith(".index")).count()).isEqualTo(log.numberOfSegments());
        }
    }

    @Test
    void rebuildsTheLeaderEpochCacheDuringRecovery() throws IOException {
        // given
        Files.delete(partitionDir().resolve("leader-epoch-checkpoint"));

        // when
        PartitionLog log = reopenUnclean();

        // then
        assertThat(log.latestEpoch()).isEqualTo(3);
        assertThat(log.endOffsetForEpoch(1)).isEqualTo(new EpochEndOffset(1, 20));
        assertThat(log.endOffsetForEpoch(2)).isEqualTo(new EpochEndOffset(2, 40));
        assertThat(log.endOffsetForEpoch(3)).isEqualTo(new EpochEndOffset(3, 60));
        assertThat(log.endOffsetForEpoch(0)).isEqualTo(new EpochEndOffset(0, 0));
        assertThat(log.endOffsetForEpoch(9)).isEqualTo(new EpochEndOffset(3, 60));
    }

    @Test
    void aRestartedLogServesAsCommittedOnlyWhatItsCheckpointSaysWas() throws IOException {
        // when: 60 records on disk, 40 of them committed when the broker stopped
        PartitionLog clean = restarted();
        long afterCleanStop = clean.highWatermark();
        fixture.manager.close();
        PartitionLog crashed = reopenUnclean();

        // then the high watermark comes back as checkpointed, not at the log end
        assertThat(afterCleanStop).isEqualTo(40);
        assertThat(crashed.logEndOffset()).isEqualTo(60);
        assertThat(crashed.highWatermark()).isEqualTo(40);
    }

    @Test
    void withoutAHighWatermarkCheckpointNothingIsServedAsCommitted() throws IOException {
        // given a log dir from before the checkpoint existed
        Files.delete(dir.resolve("replication-offset-checkpoint"));

        // when
        PartitionLog log = restarted();

        // then
        assertThat(log.logEndOffset()).isEqualTo(60);
        assertThat(log.highWatermark()).isZero();
    }

    private PartitionLog restarted() {
        fixture.start();
        return fixture.manager.getLog(LogFixture.TP).orElseThrow();
    }

    @Test
    void cleanRestartKeepsEverythingAndWritesCheckpoints() {
        // when
        fixture.start();
        PartitionLog log = fixture.manager.getLog(LogFixture.TP).orElseThrow();

        // then
        assertThat(log.topicId()).isEqualTo(LogFixture.TOPIC_ID);
        assertThat(log.logEndOffset()).isEqualTo(60);
        assertThat(dir.resolve("replication-offset-checkpoint")).exists();
        assertThat(LogFixture.readAllValues(log)).containsExactlyElementsOf(expected);
        assertThat(dir.resolve("log-start-offset-checkpoint")).exists();
        assertThat(dir.resolve(".kafka_cleanshutdown")).doesNotExist();
        assertThat(partitionDir().resolve("partition.metadata")).exists();
    }
}
