package io.tributary.storage;

import static io.tributary.storage.LogFixture.START_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.validation.InvalidRecordsException;
import io.tributary.storage.validation.InvalidTimestampsException;
import io.tributary.storage.validation.RecordError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.utils.ByteBufferOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Record-by-record validation of produced batches: batches whose CRC is valid but whose records do not decode are
 * refused with CORRUPT_MESSAGE, records that break a rule with their record errors, and nothing reaches the log.
 */
class RecordValidationTest {

    // v2 batch header layout
    private static final int LENGTH_OFFSET = 8;
    private static final int CRC_OFFSET = 17;
    private static final int ATTRIBUTES_OFFSET = 21;
    private static final int LAST_OFFSET_DELTA_OFFSET = 23;
    private static final int COUNT_OFFSET = 57;
    private static final int RECORDS_OFFSET = 61;

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

    @ParameterizedTest
    @EnumSource(value = CompressionType.class)
    void validBatchesOfEveryCodecAreStoredAndReadBack(CompressionType codec) {
        // when
        log.appendAsLeader(records(codec, "a", "b", "c"), 0);

        // then
        assertThat(LogFixture.readAllValues(log)).containsExactly("0:a", "1:b", "2:c");
    }

    @Test
    void lz4DataLabelledZstdIsCorrupt() {
        // given
        byte[] batch = bytes(records(CompressionType.LZ4, "a", "b"));
        setCodec(batch, CompressionType.ZSTD.id);

        // then
        assertCorrupt(batch);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 6, 7})
    void anUnknownCodecIdIsCorrupt(int codecId) {
        // given
        byte[] batch = bytes(records(CompressionType.LZ4, "a", "b"));
        setCodec(batch, codecId);

        // then
        assertCorrupt(batch);
    }

    @Test
    void aRecordLengthThatDoesNotMatchItsFieldsIsCorrupt() {
        // given: the first record's length varint (one byte, zigzag) grows by one
        byte[] batch = bytes(records(CompressionType.NONE, "a", "b"));
        batch[RECORDS_OFFSET] += 2;

        // then
        assertCorrupt(batch);
    }

    @Test
    void aKeyLengthPointingPastTheRecordIsCorrupt() {
        // given: record 0 = length, attributes, timestamp delta, offset delta, key length (zigzag), key...
        byte[] batch = bytes(records(CompressionType.NONE, "a", "b"));
        batch[RECORDS_OFFSET + 4] = (byte) (2 * 40);

        // then
        assertCorrupt(batch);
    }

    @Test
    void aHeaderCountPastTheRecordIsCorrupt() {
        // given: "key-a" / "a": the header count is the record's last byte
        byte[] batch = bytes(records(CompressionType.NONE, "a", "b"));
        int length = batch[RECORDS_OFFSET] / 2;
        batch[RECORDS_OFFSET + length] = 6;

        // then
        assertCorrupt(batch);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void aRecordCountOtherThanTheRecordsIsCorrupt(int count) {
        // given: a consistent header (count and last offset delta) over two records
        byte[] batch = bytes(records(CompressionType.NONE, "a", "b"));
        ByteBuffer.wrap(batch).putInt(COUNT_OFFSET, count).putInt(LAST_OFFSET_DELTA_OFFSET, count - 1);

        // then
        assertCorrupt(batch);
    }

    @Test
    void trailingBytesAfterTheRecordsAreCorrupt() {
        // given
        byte[] whole = bytes(records(CompressionType.NONE, "a", "b"));
        byte[] batch = Arrays.copyOf(whole, whole.length + 3);
        ByteBuffer.wrap(batch).putInt(LENGTH_OFFSET, batch.length - 12);

        // then
        assertCorrupt(batch);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void aTruncatedCompressedStreamIsCorrupt(CompressionType codec) {
        // given: the last bytes of the compressed payload are cut
        byte[] whole = bytes(records(codec, "alpha", "beta", "gamma"));
        byte[] batch = Arrays.copyOf(whole, whole.length - 6);
        ByteBuffer.wrap(batch).putInt(LENGTH_OFFSET, batch.length - 12);

        // then
        assertCorrupt(batch);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void compressedRecordsAreWalkedToTheirLastByte(CompressionType codec) {
        // given: well-compressed streams whose content is damaged: cut, extended, a key length past its record
        byte[] cut = recompressed(codec, plain -> Arrays.copyOf(plain, plain.length - 2));
        byte[] extended = recompressed(codec, plain -> Arrays.copyOf(plain, plain.length + 4));
        byte[] longKey = recompressed(codec, plain -> {
            plain[4] = (byte) (2 * 40);
            return plain;
        });

        // then
        assertCorrupt(cut);
        assertCorrupt(extended);
        assertCorrupt(longKey);
        // and the helper itself builds valid batches
        log.appendAsLeader(MemoryRecords.readableRecords(ByteBuffer.wrap(recompressed(codec, p -> p))), 0);
        assertThat(LogFixture.readAllValues(log)).containsExactly("0:a", "1:b");
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class)
    void recordsAcrossTheWalkersWindowAndLargerThanItAreStoredWhole(CompressionType codec) {
        // given: records of many sizes (so they straddle the walker's 64 KiB window at varied points), headers,
        // and records larger than the window
        SimpleRecord[] records = mixedSizes();

        // when
        log.appendAsLeader(MemoryRecords.withRecords(Compression.of(codec).build(), records), 0);

        // then
        String[] expected = new String[records.length];
        for (int i = 0; i < records.length; i++) {
            expected[i] = i + ":" + StandardCharsets.UTF_8.decode(records[i].value());
        }
        assertThat(LogFixture.readAllValues(log)).containsExactly(expected);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void damageAfterTheWalkersWindowIsFound(CompressionType codec) {
        // given: long streams (records larger than the window among them) cut or extended at their end
        byte[] plain = bytes(MemoryRecords.withRecords(Compression.NONE, mixedSizes()));
        byte[] cut = recompressed(codec, plain, content -> Arrays.copyOf(content, content.length - 2));
        byte[] extended = recompressed(codec, plain, content -> Arrays.copyOf(content, content.length + 4));

        // then
        assertCorrupt(cut);
        assertCorrupt(extended);
        // and the helper itself builds a valid batch
        log.appendAsLeader(MemoryRecords.readableRecords(ByteBuffer.wrap(recompressed(codec, plain, c -> c))), 0);
        assertThat(LogFixture.readAllValues(log)).hasSize(mixedSizes().length);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"NONE", "LZ4", "ZSTD"})
    void aKeylessRecordOnACompactedTopicIsNamedInTheRecordErrors(CompressionType codec) {
        // given
        fixture.manager.updateConfig(LogFixture.TP, LogConfig.builder().cleanupPolicy("compact").build());
        MemoryRecords mixed = MemoryRecords.withRecords(Compression.of(codec).build(),
                new SimpleRecord(START_MS, "k0".getBytes(), "v0".getBytes()),
                new SimpleRecord(START_MS, null, "v1".getBytes()),
                new SimpleRecord(START_MS, "k2".getBytes(), "v2".getBytes()));

        // when
        Throwable thrown = catchThrowable(() -> log.appendAsLeader(mixed, 0));

        // then
        assertThat(thrown).isInstanceOf(InvalidRecordsException.class);
        assertThat(Errors.forException(thrown)).isEqualTo(Errors.INVALID_RECORD);
        assertThat(((InvalidRecordsException) thrown).recordErrors()).containsExactly(new RecordError(1,
                "Compacted topic cannot accept message without key in topic partition " + LogFixture.TP));
        assertThat(log.logEndOffset()).isZero();
        assertThat(log.sizeInBytes()).isZero();
    }

    @Test
    void recordTimestampsOutOfRangeAreNamedInTheRecordErrors() {
        // given
        fixture.manager.updateConfig(LogFixture.TP, LogConfig.builder().timestampBeforeMaxMs(60_000).build());
        MemoryRecords mixed = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(START_MS, "k0".getBytes(), "v0".getBytes()),
                new SimpleRecord(START_MS - 120_000, "k1".getBytes(), "v1".getBytes()));

        // when
        Throwable thrown = catchThrowable(() -> log.appendAsLeader(mixed, 0));

        // then
        assertThat(thrown).isInstanceOf(InvalidTimestampsException.class);
        assertThat(Errors.forException(thrown)).isEqualTo(Errors.INVALID_TIMESTAMP);
        assertThat(((InvalidTimestampsException) thrown).recordErrors()).extracting(RecordError::batchIndex)
                .containsExactly(1);
        assertThat(log.logEndOffset()).isZero();
    }

    @Test
    void aBatchMaxTimestampIsTheRecordsMax() {
        // given: the header claims a max timestamp far in the future; the records do not
        byte[] batch = bytes(records(CompressionType.NONE, "a"));
        ByteBuffer.wrap(batch).putLong(35, START_MS + 10 * 86_400_000L);
        fixCrc(batch);

        // when
        log.appendAsLeader(MemoryRecords.readableRecords(ByteBuffer.wrap(batch)), 0);

        // then
        RecordBatch stored = log.read(0, 1000, 1, true).records().batches().iterator().next();
        assertThat(stored.maxTimestamp()).isEqualTo(START_MS);
        stored.ensureValid();
    }

    @Test
    void aRefusedBatchLeavesTheLogUsable() {
        // given
        byte[] batch = bytes(records(CompressionType.LZ4, "a"));
        setCodec(batch, 6);
        assertCorrupt(batch);

        // when
        log.appendAsLeader(records(CompressionType.LZ4, "b"), 0);

        // then
        assertThat(LogFixture.readAllValues(log)).containsExactly("0:b");
    }

    // --- helpers ---

    /** 300 records of 1 B to 3 KiB, two of 100 KiB and 200 KiB, some with headers; letters that barely compress. */
    private static SimpleRecord[] mixedSizes() {
        Random random = new Random(42);
        SimpleRecord[] records = new SimpleRecord[300];
        for (int i = 0; i < records.length; i++) {
            int size = i == 120 ? 100 * 1024 : i == 121 ? 200 * 1024 : 1 + random.nextInt(3 * 1024);
            byte[] value = new byte[size];
            for (int j = 0; j < size; j++) value[j] = (byte) ('A' + random.nextInt(26));
            Header[] headers = i % 7 == 0 ? new Header[] {new RecordHeader("h" + i, value.clone())} : new Header[0];
            records[i] = new SimpleRecord(START_MS, ("key-" + i).getBytes(StandardCharsets.UTF_8), value, headers);
        }
        return records;
    }

    private static MemoryRecords records(CompressionType codec, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(START_MS, ("key-" + values[i]).getBytes(StandardCharsets.UTF_8),
                    values[i].getBytes(StandardCharsets.UTF_8));
        }
        return MemoryRecords.withRecords(Compression.of(codec).build(), records);
    }

    /** Recomputes the CRC over the damaged batch (as a client would send it), then expects CORRUPT_MESSAGE. */
    private void assertCorrupt(byte[] batch) {
        fixCrc(batch);
        MemoryRecords.readableRecords(ByteBuffer.wrap(batch)).batches().iterator().next().ensureValid();
        long sizeBefore = log.sizeInBytes();
        long endBefore = log.logEndOffset();
        Throwable thrown = catchThrowable(() -> log.appendAsLeader(
                MemoryRecords.readableRecords(ByteBuffer.wrap(batch)), 0));
        assertThat(thrown).isInstanceOf(CorruptRecordException.class).hasMessageNotContaining("CRC")
                .hasMessageNotContaining("crc");
        assertThat(Errors.forException(thrown)).isEqualTo(Errors.CORRUPT_MESSAGE);
        assertThat(log.sizeInBytes()).isEqualTo(sizeBefore);
        assertThat(log.logEndOffset()).isEqualTo(endBefore);
    }

    private static byte[] bytes(MemoryRecords records) {
        ByteBuffer buffer = records.buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static void setCodec(byte[] batch, int codecId) {
        batch[ATTRIBUTES_OFFSET + 1] = (byte) ((batch[ATTRIBUTES_OFFSET + 1] & ~0x07) | codecId);
        fixCrc(batch);
    }

    /** The CRC-32C over attributes to the end, written where the batch header keeps it. */
    private static void fixCrc(byte[] batch) {
        CRC32C crc = new CRC32C();
        crc.update(batch, ATTRIBUTES_OFFSET, batch.length - ATTRIBUTES_OFFSET);
        ByteBuffer.wrap(batch).putInt(CRC_OFFSET, (int) crc.getValue());
    }

    /**
     * A batch of records "a" and "b" whose records section is changed by damage (as uncompressed bytes), then
     * compressed with codec: a valid stream of damaged content, under a valid CRC.
     */
    private static byte[] recompressed(CompressionType codec, UnaryOperator<byte[]> damage) {
        return recompressed(codec, bytes(records(CompressionType.NONE, "a", "b")), damage);
    }

    /** As above, from the given uncompressed batch. */
    private static byte[] recompressed(CompressionType codec, byte[] plain, UnaryOperator<byte[]> damage) {
        byte[] content = damage.apply(Arrays.copyOfRange(plain, RECORDS_OFFSET, plain.length));
        ByteBufferOutputStream compressed = new ByteBufferOutputStream(Math.max(256, content.length));
        try (OutputStream out = Compression.of(codec).build().wrapForOutput(compressed, RecordBatch.MAGIC_VALUE_V2)) {
            out.write(content);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ByteBuffer payload = compressed.buffer().flip();
        byte[] batch = new byte[RECORDS_OFFSET + payload.remaining()];
        System.arraycopy(plain, 0, batch, 0, RECORDS_OFFSET);
        payload.get(batch, RECORDS_OFFSET, batch.length - RECORDS_OFFSET);
        ByteBuffer.wrap(batch).putInt(LENGTH_OFFSET, batch.length - 12);
        setCodec(batch, codec.id);
        return batch;
    }
}
