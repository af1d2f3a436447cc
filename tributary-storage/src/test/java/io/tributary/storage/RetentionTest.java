package io.tributary.storage;

import static io.tributary.storage.LogFixture.START_MS;
import static io.tributary.storage.LogFixture.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.storage.api.LogConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

    @TempDir
    Path dir;
    LogFixture fixture;
    PartitionLog log;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(dir);
        log = fixture.log(LogConfig.builder().segmentBytes(1024).fileDeleteDelayMs(0).build());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void append(int batches, long timestamp) {
        for (int i = 0; i < batches; i++) log.appendAsLeader(batch(timestamp, "v" + i), 0);
        log.updateHighWatermark(log.logEndOffset());
    }

    @Test
    void deletesSegmentsOlderThanRetentionMs() {
        // given
        append(30, START_MS - 10_000);
        long oldEnd = log.logEndOffset();
        append(30, START_MS);
        int segmentsBefore = log.numberOfSegments();
        fixture.manager.updateConfig(LogFixture.TP, log.config().toBuilder().retentionMs(5_000).build());

        // when
        fixture.manager.runRetention();

        // then
        assertThat(log.numberOfSegments()).isLessThan(segmentsBefore);
        assertThat(log.logStartOffset()).isGreaterThan(0).isLessThanOrEqualTo(oldEnd);
        assertThat(log.offsetForTimestamp(0)).hasValueSatisfying(f -> assertThat(f.offset()).isEqualTo(log.logStartOffset()));
        assertThatThrownBy(() -> log.read(0, 100, log.logEndOffset(), true)).isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void deletesTheActiveSegmentToo_whenEverythingExpired() {
        // given
        append(30, START_MS - 10_000);
        fixture.manager.updateConfig(LogFixture.TP, log.config().toBuilder().retentionMs(5_000).build());

        // when
        fixture.manager.runRetention();

        // then
        assertThat(log.numberOfSegments()).isEqualTo(1);
        assertThat(log.logStartOffset()).isEqualTo(30).isEqualTo(log.logEndOffset());
        assertThat(log.appendAsLeader(batch(START_MS, "new"), 0).firstOffset()).isEqualTo(30);
    }

    @Test
    void deletesOldestSegmentsBeyondRetentionBytes() {
        // given
        append(60, START_MS);
        long sizeBefore = log.sizeInBytes();
        fixture.manager.updateConfig(LogFixture.TP, log.config().toBuilder().retentionBytes(2048).build());

        // when
        fixture.manager.runRetention();

        // then
        // like Kafka, a segment goes only if what remains still holds retention.bytes
        assertThat(log.sizeInBytes()).isGreaterThanOrEqualTo(2048).isLessThan(2048 + 1024).isLessThan(sizeBefore);
        assertThat(log.logStartOffset()).isPositive();
        assertThat(LogFixture.readAllValues(log)).hasSize((int) (log.logEndOffset() - log.logStartOffset()));
    }

    @Test
    void neverDeletesDataAboveTheHighWatermark() {
        // given
        for (int i = 0; i < 30; i++) log.appendAsLeader(batch(START_MS - 10_000, "v" + i), 0);
        fixture.manager.updateConfig(LogFixture.TP, log.config().toBuilder().retentionMs(5_000).build());

        // when
        fixture.manager.runRetention();

        // then
        assertThat(log.logStartOffset()).isZero();
    }

    @Test
    void deleteRecordsMovesTheLogStartAndDropsWholeSegments() throws Exception {
        // given
        append(60, START_MS);
        int segmentsBefore = log.numberOfSegments();

        // when
        long lowWatermark = log.deleteRecordsBefore(45);

        // then
        assertThat(lowWatermark).isEqualTo(45);
        assertThat(log.numberOfSegments()).isLessThan(segmentsBefore);
        assertThat(LogFixture.readAllValues(log)).first().isEqualTo("45:v45");
        assertThatThrownBy(() -> log.deleteRecordsBefore(61)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(Files.readString(dir.resolve("log-start-offset-checkpoint"))).contains("orders 0 45");
        fixture.restart();
        assertThat(fixture.manager.getLog(LogFixture.TP).orElseThrow().logStartOffset()).isEqualTo(45);
    }
}
