package io.tributary.storage;

import static io.tributary.storage.LogFixture.START_MS;
import static io.tributary.storage.LogFixture.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.LogConfig;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnsupportedForMessageFormatException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationTest {

    @TempDir
    Path dir;
    LogFixture fixture;
    PartitionLog log;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(dir);
        log = fixture.log(LogConfig.defaults());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void rejectsABatchWithABadCrc() {
        // given
        MemoryRecords records = batch(START_MS, "a", "b");
        ByteBuffer buf = records.buffer();
        buf.put(buf.limit() - 1, (byte) (buf.get(buf.limit() - 1) ^ 0x55));

        // then
        assertThatThrownBy(() -> log.appendAsLeader(records, 0)).isInstanceOf(CorruptRecordException.class);
        assertThat(log.logEndOffset()).isZero();
    }

    @Test
    void rejectsAPartialTrailingBatch() {
        // given
        MemoryRecords whole = batch(START_MS, "a", "b");
        ByteBuffer cut = whole.buffer().duplicate();
        cut.limit(cut.limit() - 3);

        // then
        assertThatThrownBy(() -> log.appendAsLeader(MemoryRecords.readableRecords(cut.slice()), 0))
                .isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void rejectsBatchesLargerThanMaxMessageBytesOrTheSegment() {
        // given
        fixture.manager.updateConfig(LogFixture.TP, LogConfig.builder().maxMessageBytes(100).build());
        MemoryRecords large = batch(START_MS, "x".repeat(200));

        // then
        assertThatThrownBy(() -> log.appendAsLeader(large, 0)).isInstanceOf(RecordTooLargeException.class);
        fixture.manager.updateConfig(LogFixture.TP, LogConfig.builder().segmentBytes(150).build());
        assertThatThrownBy(() -> log.appendAsLeader(batch(START_MS, "x".repeat(200)), 0))
                .isInstanceOf(RecordBatchTooLargeException.class);
    }

    @Test
    void rejectsOldMessageFormats() {
        // given
        MemoryRecords v1 = MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V1, Compression.NONE,
                new SimpleRecord(START_MS, "k".getBytes(), "v".getBytes()));

        // then
        assertThatThrownBy(() -> log.appendAsLeader(v1, 0)).isInstanceOf(UnsupportedForMessageFormatException.class);
    }

    @Test
    void rejectsNonZeroBaseOffsetAndEmptyRequests() {
        // given
        MemoryRecords shifted = MemoryRecords.withRecords(5L, Compression.NONE,
                new SimpleRecord(START_MS, "k".getBytes(), "v".getBytes()));

        // then
        assertThatThrownBy(() -> log.appendAsLeader(shifted, 0)).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> log.appendAsLeader(MemoryRecords.EMPTY, 0)).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void rejectsCreateTimeOutsideTheAllowedWindow() {
        // given
        fixture.manager.updateConfig(LogFixture.TP, LogConfig.builder().timestampBeforeMaxMs(60_000).build());

        // then
        assertThatThrownBy(() -> log.appendAsLeader(batch(START_MS + 3_600_001L, "future"), 0))
                .isInstanceOf(InvalidTimestampException.class);
        assertThatThrownBy(() -> log.appendAsLeader(batch(START_MS - 60_001L, "old"), 0))
                .isInstanceOf(InvalidTimestampException.class);
        assertThat(log.appendAsLeader(batch(START_MS - 59_000L, "ok"), 0).firstOffset()).isZero();
    }

    @Test
    void stampsLogAppendTimeIntoTheBatch() {
        // given
        fixture.manager.updateConfig(LogFixture.TP,
                LogConfig.builder().timestampType(TimestampType.LOG_APPEND_TIME).build());

        // when
        AppendResult result = log.appendAsLeader(batch(42L, "a"), 0);

        // then
        assertThat(result.logAppendTime()).isEqualTo(START_MS);
        RecordBatch stored = log.read(0, 1000, 1, true).records().batches().iterator().next();
        assertThat(stored.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(stored.maxTimestamp()).isEqualTo(START_MS);
        stored.ensureValid();
    }

    @Test
    void compactedTopicsRequireKeys() {
        // given
        fixture.manager.updateConfig(LogFixture.TP, LogConfig.builder().cleanupPolicy("compact").build());
        MemoryRecords keyless = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(START_MS, null, "v".getBytes()));

        // then
        assertThatThrownBy(() -> log.appendAsLeader(keyless, 0)).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void storesCompressedBatchesAsProduced() {
        // given
        MemoryRecords compressed = MemoryRecords.withRecords(Compression.gzip().build(),
                new SimpleRecord(START_MS, "k".getBytes(), "v1".getBytes()),
                new SimpleRecord(START_MS, "k".getBytes(), "v2".getBytes()));
        int size = compressed.sizeInBytes();

        // when
        AppendResult result = log.appendAsLeader(compressed, 0);

        // then
        assertThat(result.lastOffset()).isEqualTo(1);
        assertThat(log.sizeInBytes()).isEqualTo(size);
        assertThat(LogFixture.readAllValues(log)).containsExactly("0:v1", "1:v2");
    }
}
