package io.tributary.console.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.console.broker.LocalLogs.LocalPartition;
import io.tributary.console.locallog.ReplicaLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogScannerTest {

    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;

    /** Batches of 10 records each: offsets 0-9 none, 10-19 lz4, 20 a commit marker, 21-30 zstd, 31-40 gzip. */
    private static MemoryRecords log() {
        List<MemoryRecords> parts = new ArrayList<>();
        parts.add(batch(0, Compression.NONE));
        parts.add(batch(10, Compression.lz4().build()));
        parts.add(MemoryRecords.withEndTransactionMarker(20, 1000L, 0, 7L, (short) 0,
                new EndTransactionMarker(ControlRecordType.COMMIT, 0)));
        parts.add(batch(21, Compression.zstd().build()));
        parts.add(batch(31, Compression.gzip().build()));
        return concat(parts);
    }

    private static MemoryRecords batch(long base, Compression compression) {
        SimpleRecord[] records = new SimpleRecord[10];
        for (int i = 0; i < 10; i++) {
            long offset = base + i;
            Header[] headers = {new RecordHeader("h", utf8("header-" + offset))};
            records[i] = new SimpleRecord(1000L + offset, utf8("key-" + offset), utf8("value-" + offset + "-payload"),
                    headers);
        }
        return MemoryRecords.withRecords(base, compression, records);
    }

    private static MemoryRecords concat(List<MemoryRecords> parts) {
        int size = parts.stream().mapToInt(MemoryRecords::sizeInBytes).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        parts.forEach(p -> all.put(p.buffer()));
        return MemoryRecords.readableRecords(all.flip());
    }

    /** The log above in memory, its high watermark at its end. */
    private static ReplicaLog memoryLog() {
        return new ReplicaLog(log(), 0, 41);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void substringInValueFindsMatchesInEveryCompressionAndSkipsControlRecords() {
        Found found = scan(memoryLog(), RecordMatcher.substring("-3", SearchField.VALUE), 0, 41,
                budget(100, Long.MAX_VALUE));
        assertThat(found.offsets).containsExactly(3L, 30L, 31L, 32L, 33L, 34L, 35L, 36L, 37L, 38L, 39L)
                .doesNotContain(20L);
        Found all = scan(memoryLog(), RecordMatcher.regex(".*", SearchField.ANY), 0, 41,
                budget(100, Long.MAX_VALUE));
        assertThat(all.offsets).hasSize(40).doesNotContain(20L);
        assertThat(all.budget.scannedRecords()).isEqualTo(40);
        assertThat(all.budget.scannedBytes()).isEqualTo(log().sizeInBytes());
        assertThat(all.budget.reason()).isEqualTo(StopReason.COMPLETE);
    }

    @Test
    void regexAndFieldsKeyAndAnyIncludingHeaders() {
        assertThat(scan(memoryLog(), RecordMatcher.regex("^key-1[0-2]$", SearchField.KEY), 0, 41,
                budget(100, Long.MAX_VALUE)).offsets).containsExactly(10L, 11L, 12L);
        assertThat(scan(memoryLog(), RecordMatcher.regex("^key-1[0-2]$", SearchField.VALUE), 0, 41,
                budget(100, Long.MAX_VALUE)).offsets).isEmpty();
        assertThat(scan(memoryLog(), RecordMatcher.substring("header-25", SearchField.ANY), 0, 41,
                budget(100, Long.MAX_VALUE)).offsets).containsExactly(25L);
        assertThat(scan(memoryLog(), RecordMatcher.substring("header-25", SearchField.VALUE), 0, 41,
                budget(100, Long.MAX_VALUE)).offsets).isEmpty();
    }

    @Test
    void scansOnlyTheOffsetRangeAskedFor() {
        Found found = scan(memoryLog(), RecordMatcher.substring("value", SearchField.VALUE), 5, 25,
                budget(100, Long.MAX_VALUE));
        assertThat(found.offsets).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L,
                18L, 19L, 21L, 22L, 23L, 24L);
    }

    @Test
    void stopsAtMaxMatchesAndAtMaxBytes() {
        Found matches = scan(memoryLog(), RecordMatcher.substring("value", SearchField.VALUE), 0, 41,
                budget(3, Long.MAX_VALUE));
        assertThat(matches.offsets).containsExactly(0L, 1L, 2L);
        assertThat(matches.budget.reason()).isEqualTo(StopReason.MAX_MATCHES);
        int firstBatch = batch(0, Compression.NONE).sizeInBytes();
        Found bytes = scan(memoryLog(), RecordMatcher.substring("value-1", SearchField.VALUE), 0, 41,
                budget(100, firstBatch));
        assertThat(bytes.offsets).containsExactly(1L);
        assertThat(bytes.budget.reason()).isEqualTo(StopReason.MAX_BYTES);
        assertThat(bytes.budget.scannedBytes()).isEqualTo(firstBatch);
    }

    @Test
    void stopsWhenTheReaderGoesAway() {
        SearchBudget budget = budget(100, Long.MAX_VALUE);
        List<Long> seen = new ArrayList<>();
        MatchSink goneAfterTwo = new CollectingSink(seen) {
            @Override
            public boolean match(TopicPartition tp, TimestampType type, Record record) {
                super.match(tp, type, record);
                return seen.size() < 2;
            }
        };
        new LogScanner(RecordMatcher.substring("value", SearchField.VALUE), budget, goneAfterTwo)
                .scan(TP, memoryLog(), 0, 41);
        assertThat(seen).containsExactly(0L, 1L);
        assertThat(budget.reason()).isEqualTo(StopReason.CANCELLED);
    }

    @Test
    void skipsUncompressedBatchesWithoutThePatternButCountsTheirRecords() {
        Found found = scan(memoryLog(), RecordMatcher.substring("no such text", SearchField.ANY), 0, 41,
                budget(100, Long.MAX_VALUE));
        assertThat(found.offsets).isEmpty();
        assertThat(found.budget.scannedRecords()).isEqualTo(40);
    }

    @Test
    void readsAFileLogChunkByChunk() throws IOException {
        // 300 batches of 10 records with 1 KiB values (random letters, so lz4 barely shrinks them): about 3 MiB.
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        Path file = dir.resolve("00000000000000000000.log");
        try (FileRecords records = FileRecords.open(file.toFile())) {
            for (int b = 0; b < 300; b++) {
                SimpleRecord[] batch = new SimpleRecord[10];
                for (int i = 0; i < 10; i++) {
                    long offset = b * 10L + i;
                    byte[] value = new byte[1024];
                    for (int j = 0; j < value.length; j++) {
                        value[j] = (byte) ('a' + random.nextInt(26));
                    }
                    byte[] marker = utf8(offset % 1000 == 999 ? "FOUND" + offset : "plain");
                    System.arraycopy(marker, 0, value, 100, marker.length);
                    batch[i] = new SimpleRecord(offset, null, value);
                }
                records.append(MemoryRecords.withRecords(b * 10L, b % 2 == 0 ? Compression.NONE
                        : Compression.lz4().build(), batch));
            }
            records.flush();
            ReplicaLog log = new ReplicaLog(records, 0, 3000);
            Found found = scan(log, RecordMatcher.substring("FOUND", SearchField.VALUE), 0, 3000,
                    budget(100, Long.MAX_VALUE));
            assertThat(found.offsets).containsExactly(999L, 1999L, 2999L);
            assertThat(found.budget.scannedRecords()).isEqualTo(3000);
            assertThat(found.budget.scannedBytes()).isEqualTo(records.sizeInBytes());
            assertThat(log.reads()).isGreaterThanOrEqualTo(3);
            // From the middle of a batch, up to a high watermark in the middle of the log.
            Found middle = scan(log, RecordMatcher.regex("FOUND1999", SearchField.VALUE), 1995, 2000,
                    budget(100, Long.MAX_VALUE));
            assertThat(middle.offsets).containsExactly(1999L);
            assertThat(middle.budget.scannedRecords()).isEqualTo(5);
        }
    }

    private static SearchBudget budget(long maxMatches, long maxBytes) {
        return new SearchBudget(maxMatches, maxBytes, 60_000, System::nanoTime);
    }

    private static Found scan(LocalPartition log, RecordMatcher matcher, long from, long to, SearchBudget budget) {
        List<Long> offsets = new ArrayList<>();
        new LogScanner(matcher, budget, new CollectingSink(offsets)).scan(TP, log, from, to);
        return new Found(offsets, budget);
    }

    private record Found(List<Long> offsets, SearchBudget budget) {
    }

    private static class CollectingSink implements MatchSink {
        private final List<Long> offsets;

        CollectingSink(List<Long> offsets) {
            this.offsets = offsets;
        }

        @Override
        public boolean match(TopicPartition tp, TimestampType type, Record record) {
            offsets.add(record.offset());
            return true;
        }

        @Override
        public boolean match(ConsumerRecord<byte[], byte[]> record) {
            offsets.add(record.offset());
            return true;
        }

        @Override
        public boolean progress() {
            return true;
        }
    }
}
