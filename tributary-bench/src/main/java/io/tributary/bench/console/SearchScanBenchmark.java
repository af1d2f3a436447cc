package io.tributary.bench.console;

import io.tributary.console.broker.LocalLogs.LocalPartition;
import io.tributary.console.search.LogScanner;
import io.tributary.console.search.MatchSink;
import io.tributary.console.search.RecordMatcher;
import io.tributary.console.search.SearchBudget;
import io.tributary.console.search.SearchField;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.Records;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The console's message search next to the log (issue target: at least 100 MB/s on the broker): one full scan of
 * 256 MiB of 1 KiB records in 16-record batches, in a log file on disk (page cache warm after the first pass),
 * read in 1 MiB chunks by {@link LogScanner} as a search does. The pattern occurs nowhere, so every byte is
 * scanned (the worst case). MB/s = 268,435,456 bytes (printed at set-up: the file's size) / the time per scan.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class SearchScanBenchmark {

    private static final long TARGET_BYTES = 256L * 1024 * 1024;
    private static final int RECORD_BYTES = 1024;
    private static final int RECORDS_PER_BATCH = 16;
    private static final TopicPartition TP = new TopicPartition("bench", 0);

    @Param({"none", "lz4"})
    public String compression;

    @Param({"substring", "regex"})
    public String mode;

    private File file;
    private FileRecords records;
    private FileLog log;
    private RecordMatcher matcher;

    @Setup(Level.Trial)
    public void writeLog() throws IOException {
        file = Files.createTempFile("tributary-search-bench-", ".log").toFile();
        records = FileRecords.open(file);
        Compression codec = "lz4".equals(compression) ? Compression.lz4().build() : Compression.NONE;
        byte[][] words = words(new SplittableRandom(3), 2000);
        SplittableRandom random = new SplittableRandom(11);
        long offset = 0;
        long rawBytes = 0;
        while (rawBytes < TARGET_BYTES) {
            SimpleRecord[] batch = new SimpleRecord[RECORDS_PER_BATCH];
            for (int i = 0; i < RECORDS_PER_BATCH; i++) {
                batch[i] = new SimpleRecord(System.currentTimeMillis(),
                        ("key-" + (offset + i)).getBytes(StandardCharsets.UTF_8), text(random, words));
            }
            records.append(MemoryRecords.withRecords(offset, codec, batch));
            offset += RECORDS_PER_BATCH;
            rawBytes += (long) RECORDS_PER_BATCH * RECORD_BYTES;
        }
        records.flush();
        log = new FileLog(records, offset);
        matcher = "regex".equals(mode) ? RecordMatcher.regex("no[-]such-text", SearchField.VALUE)
                : RecordMatcher.substring("no-such-text", SearchField.VALUE);
        System.out.printf("%n%s: %,d records, %,d value bytes, %,d bytes on disk%n", compression, offset, rawBytes,
                records.sizeInBytes());
    }

    @TearDown(Level.Trial)
    public void deleteLog() throws IOException {
        records.closeHandlers();
        Files.deleteIfExists(file.toPath());
    }

    /** Scans the whole log; returns the bytes scanned (the on-disk size). */
    @Benchmark
    public long scanAll() {
        SearchBudget budget = new SearchBudget(100, Long.MAX_VALUE, TimeUnit.MINUTES.toMillis(10), System::nanoTime);
        new LogScanner(matcher, budget, NO_MATCHES).scan(TP, log, 0, log.highWatermark());
        if (budget.matches() != 0) {
            throw new IllegalStateException("The pattern must not occur");
        }
        return budget.scannedBytes();
    }

    /** Text-like values (words of lowercase letters), so lz4 compresses them about as it does real payloads. */
    private static byte[] text(SplittableRandom random, byte[][] words) {
        byte[] value = new byte[RECORD_BYTES];
        int at = 0;
        while (at < value.length) {
            byte[] word = words[random.nextInt(words.length)];
            int n = Math.min(word.length, value.length - at);
            System.arraycopy(word, 0, value, at, n);
            at += n;
        }
        return value;
    }

    private static byte[][] words(SplittableRandom random, int count) {
        byte[][] words = new byte[count][];
        for (int i = 0; i < count; i++) {
            byte[] word = new byte[random.nextInt(3, 10) + 1];
            for (int j = 0; j < word.length - 1; j++) {
                word[j] = (byte) ('a' + random.nextInt(26));
            }
            word[word.length - 1] = ' ';
            words[i] = word;
        }
        return words;
    }

    private static final MatchSink NO_MATCHES = new MatchSink() {
        @Override
        public boolean match(TopicPartition tp, TimestampType timestampType, Record record) {
            return true;
        }

        @Override
        public boolean match(ConsumerRecord<byte[], byte[]> record) {
            return true;
        }

        @Override
        public boolean progress() {
            return true;
        }
    };

    /** The log as a segment read gives it: whole batches from the one holding the offset, as a file slice. */
    private static final class FileLog implements LocalPartition {
        private final FileRecords records;
        private final long highWatermark;
        private final long[] baseOffsets;
        private final int[] positions;

        FileLog(FileRecords records, long highWatermark) {
            this.records = records;
            this.highWatermark = highWatermark;
            int batches = 0;
            for (FileChannelRecordBatch ignored : records.batches()) {
                batches++;
            }
            baseOffsets = new long[batches + 1];
            positions = new int[batches + 1];
            int i = 0;
            for (FileChannelRecordBatch batch : records.batches()) {
                baseOffsets[i] = batch.baseOffset();
                positions[i] = batch.position();
                i++;
            }
            baseOffsets[batches] = highWatermark;
            positions[batches] = records.sizeInBytes();
        }

        @Override
        public long logStartOffset() {
            return 0;
        }

        @Override
        public long highWatermark() {
            return highWatermark;
        }

        @Override
        public Records read(long offset, int maxBytes, long maxOffsetExclusive) {
            int index = Arrays.binarySearch(baseOffsets, offset);
            int first = index >= 0 ? index : -index - 2;
            int last = first + 1;
            while (last < positions.length - 1 && positions[last + 1] - positions[first] <= maxBytes
                    && baseOffsets[last] < maxOffsetExclusive) {
                last++;
            }
            return records.slice(positions[first], positions[last] - positions[first]);
        }
    }
}
