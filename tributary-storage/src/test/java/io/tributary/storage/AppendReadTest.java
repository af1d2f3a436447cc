package io.tributary.storage;

import static io.tributary.storage.LogFixture.START_MS;
import static io.tributary.storage.LogFixture.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.LogConfig;
import io.tributary.storage.api.ReadResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendReadTest {

    @TempDir
    Path dir;
    LogFixture fixture;
    PartitionLog log;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(dir);
        log = fixture.log(LogConfig.builder().segmentBytes(2048).indexIntervalBytes(100).build());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private List<String> appendBatches(int count) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AppendResult result = log.appendAsLeader(batch(START_MS + i, "a" + i, "b" + i), 3);
            expected.add(result.firstOffset() + ":a" + i);
            expected.add(result.lastOffset() + ":b" + i);
        }
        log.updateHighWatermark(log.logEndOffset());
        return expected;
    }

    @Test
    void appendsAndReadsBackManyBatchesAcrossSegmentRolls() {
        // given
        List<String> expected = appendBatches(200);

        // when
        List<String> values = LogFixture.readAllValues(log);

        // then
        assertThat(log.numberOfSegments()).isGreaterThan(5);
        assertThat(log.logEndOffset()).isEqualTo(400);
        assertThat(values).containsExactlyElementsOf(expected);
        assertThat(dir.resolve("orders-0").resolve("00000000000000000000.log")).exists();
        assertThat(dir.resolve("orders-0").resolve("00000000000000000000.index")).exists();
        assertThat(dir.resolve("orders-0").resolve("00000000000000000000.timeindex")).exists();
    }

    @Test
    void assignsOffsetsAndStampsLeaderEpoch() {
        // when
        AppendResult first = log.appendAsLeader(batch(START_MS, "x", "y", "z"), 7);
        AppendResult second = log.appendAsLeader(batch(START_MS, "w"), 7);

        // then
        assertThat(first.firstOffset()).isEqualTo(0);
        assertThat(first.lastOffset()).isEqualTo(2);
        assertThat(first.recordCount()).isEqualTo(3);
        assertThat(second.firstOffset()).isEqualTo(3);
        assertThat(first.logAppendTime()).isEqualTo(-1);
        ReadResult read = log.read(0, 10_000, log.logEndOffset(), false);
        RecordBatch batch = read.records().batches().iterator().next();
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(7);
        assertThat(log.latestEpoch()).isEqualTo(7);
    }

    @Test
    void readStartsAtTheBatchContainingTheOffsetInEverySegment() {
        // given
        appendBatches(200);

        // when / then: offset -> position through the sparse index then a short scan
        for (long offset = 0; offset < 400; offset += 37) {
            ReadResult result = log.read(offset, 1, log.logEndOffset(), true);
            RecordBatch first = result.records().batches().iterator().next();
            assertThat(first.baseOffset()).isLessThanOrEqualTo(offset);
            assertThat(first.lastOffset()).isGreaterThanOrEqualTo(offset);
            assertThat(result.channel()).isNotNull();
            assertThat(result.sizeInBytes()).isEqualTo(first.sizeInBytes());
        }
    }

    @Test
    void readStopsAtMaxBytesEvenMidBatchButNeverSendsPartOfTheFirstBatch() {
        // given
        appendBatches(10);
        int batchSize = log.read(0, 1, log.logEndOffset(), true).sizeInBytes();

        // when
        ReadResult twoAndAHalf = log.read(0, batchSize * 5 / 2, log.logEndOffset(), false);
        ReadResult minOne = log.read(0, batchSize - 1, log.logEndOffset(), true);

        // then
        assertThat(twoAndAHalf.sizeInBytes()).isEqualTo(batchSize * 5 / 2);
        assertThat(twoAndAHalf.records().batches()).hasSize(2); // the cut third batch is not iterated
        assertThat(minOne.sizeInBytes()).isEqualTo(batchSize);
    }

    @Test
    void readGivesNothingRatherThanOnlyACutFirstBatch() {
        // given: a fetch whose byte budget is almost spent on other partitions (not the first with data)
        appendBatches(10);
        int batchSize = log.read(0, 1, log.logEndOffset(), true).sizeInBytes();

        // when
        ReadResult tooSmall = log.read(0, batchSize - 1, log.logEndOffset(), false);
        ReadResult fromTheThird = log.read(2, batchSize - 1, log.logEndOffset(), false);
        ReadResult exactlyOne = log.read(0, batchSize, log.logEndOffset(), false);

        // then: as Kafka, no records at all; a response of a cut batch alone made consumers fail ("Received a
        // non-empty fetch response from the server, but no complete records were found")
        assertThat(tooSmall.sizeInBytes()).isZero();
        assertThat(fromTheThird.sizeInBytes()).isZero();
        assertThat(exactlyOne.sizeInBytes()).isEqualTo(batchSize);
        assertThat(exactlyOne.records().batches()).hasSize(1);
    }

    @Test
    void readNeverGoesPastTheUpperBound() {
        // given
        appendBatches(10);
        log.appendAsLeader(batch(START_MS, "unacked"), 3);

        // when
        ReadResult toHighWatermark = log.read(0, 1 << 20, log.highWatermark(), false);
        ReadResult toOffsetSix = log.read(0, 1 << 20, 6, false);
        ReadResult atHighWatermark = log.read(20, 1 << 20, log.highWatermark(), false);

        // then
        assertThat(LogFixture.batchOffsets(toHighWatermark.records())).hasSize(10).last().isEqualTo(18L);
        assertThat(LogFixture.batchOffsets(toOffsetSix.records())).containsExactly(0L, 2L, 4L);
        assertThat(atHighWatermark.sizeInBytes()).isZero();
        assertThat(atHighWatermark.highWatermark()).isEqualTo(20);
        assertThat(atHighWatermark.logEndOffset()).isEqualTo(21);
    }

    @Test
    void readOutsideTheLogIsOutOfRange() {
        // given
        appendBatches(2);

        // then
        assertThatThrownBy(() -> log.read(5, 100, 5, false)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThatThrownBy(() -> log.read(-1, 100, 5, false)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(log.read(4, 100, 4, false).sizeInBytes()).isZero();
    }

    @Test
    void findsOffsetsByTimestampAcrossSegments() {
        // given: batch i has timestamp START_MS + i and offsets 2i, 2i+1
        appendBatches(200);

        // when / then
        assertThat(log.offsetForTimestamp(START_MS + 150)).hasValueSatisfying(found -> {
            assertThat(found.offset()).isEqualTo(300);
            assertThat(found.timestamp()).isEqualTo(START_MS + 150);
            assertThat(found.leaderEpoch()).isEqualTo(3);
        });
        assertThat(log.offsetForTimestamp(START_MS - 5)).hasValueSatisfying(f -> assertThat(f.offset()).isZero());
        assertThat(log.offsetForTimestamp(START_MS + 1000)).isEmpty();
        assertThat(log.offsetOfMaxTimestamp()).hasValueSatisfying(f -> {
            assertThat(f.timestamp()).isEqualTo(START_MS + 199);
            assertThat(f.offset()).isEqualTo(398);
        });
    }

    @Test
    void rollsWhenSegmentMsPassed() {
        // given
        log = fixture.log(log.config());
        fixture.manager.updateConfig(LogFixture.TP, log.config().toBuilder().segmentBytes(1 << 20).segmentMs(1000).build());
        log.appendAsLeader(batch(START_MS, "a"), 0);

        // when
        log.appendAsLeader(batch(START_MS + 500, "b"), 0);
        int beforeTimeout = log.numberOfSegments();
        log.appendAsLeader(batch(START_MS + 1500, "c"), 0);

        // then
        assertThat(beforeTimeout).isEqualTo(1);
        assertThat(log.numberOfSegments()).isEqualTo(2);
    }

    @Test
    void readersRunConcurrentlyWithAppendsAndSeeOnlyCommittedBatches() throws Exception {
        // given
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 2000; i++) {
                log.appendAsLeader(batch(START_MS, "w" + i), 0);
                log.updateHighWatermark(log.logEndOffset());
            }
        });

        // when
        writer.start();
        long next = 0;
        while (writer.isAlive() || next < log.highWatermark()) {
            try {
                ReadResult result = log.read(next, 4096, log.highWatermark(), true);
                for (RecordBatch b : result.records().batches()) {
                    assertThat(b.baseOffset()).isEqualTo(next);
                    assertThat(b.nextOffset()).isLessThanOrEqualTo(result.highWatermark());
                    next = b.nextOffset();
                }
            } catch (Throwable t) {
                failure.set(t);
                break;
            }
        }
        writer.join();

        // then
        assertThat(failure.get()).isNull();
        assertThat(next).isEqualTo(2000);
    }
}
