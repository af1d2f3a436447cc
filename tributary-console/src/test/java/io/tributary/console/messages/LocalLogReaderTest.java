package io.tributary.console.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.console.locallog.ReplicaLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Records;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLogReaderTest {

    @TempDir
    Path dir;

    /** Records {@code base..base+count-1} in one batch, timestamp = time(offset), value "p<partition>-<offset>". */
    private static MemoryRecords batch(int partition, long base, int count, Compression compression, long step) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            long offset = base + i;
            records[i] = new SimpleRecord(1000L + offset * step + partition, utf8("k" + offset),
                    utf8("p" + partition + "-" + offset), new RecordHeader[] {new RecordHeader("h", utf8("x"))});
        }
        return MemoryRecords.withRecords(base, compression, records);
    }

    private static MemoryRecords commitMarker(long offset) {
        return MemoryRecords.withEndTransactionMarker(offset, 5000L, 0, 7L, (short) 0,
                new EndTransactionMarker(ControlRecordType.COMMIT, 0));
    }

    private static MemoryRecords concat(List<MemoryRecords> parts) {
        ByteBuffer all = ByteBuffer.allocate(parts.stream().mapToInt(MemoryRecords::sizeInBytes).sum());
        parts.forEach(p -> all.put(p.buffer()));
        return MemoryRecords.readableRecords(all.flip());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private FileRecords file(String name, MemoryRecords records) throws IOException {
        FileRecords file = FileRecords.open(dir.resolve(name).toFile());
        file.append(records);
        file.flush();
        return file;
    }

    private static List<String> values(List<BrowsedMessage> messages) {
        return messages.stream().map(m -> new String(Base64.getDecoder().decode((String) m.json().get("value")),
                StandardCharsets.UTF_8)).toList();
    }

    /** Offsets 0-9 uncompressed, 10-19 lz4, 20 a commit marker, 21-30 zstd (partition 0, timestamps by offset). */
    private static MemoryRecords mixed() {
        return concat(List.of(batch(0, 0, 10, Compression.NONE, 10), batch(0, 10, 10, Compression.lz4().build(), 10),
                commitMarker(20), batch(0, 21, 10, Compression.zstd().build(), 10)));
    }

    @Test
    void forwardReadsFromTheOffsetWithinABatchAcrossCompressionsSkippingControlBatches() throws IOException {
        for (Records records : List.of(mixed(), file("mixed", mixed()))) {
            ReplicaLog log = new ReplicaLog(records, 0, 31);
            List<BrowsedMessage> read = new LocalLogReader().forward(0, log, 15, 31, 10);
            assertThat(read).extracting(BrowsedMessage::offset)
                    .containsExactly(15L, 16L, 17L, 18L, 19L, 21L, 22L, 23L, 24L, 25L);
            BrowsedMessage first = read.get(0);
            assertThat(first.json()).containsEntry("partition", 0).containsEntry("offset", 15L)
                    .containsEntry("timestamp", 1150L).containsEntry("timestampType", "CreateTime")
                    .containsEntry("keySize", 3).containsEntry("valueSize", 5).containsEntry("truncated", false);
            assertThat(values(read)).startsWith("p0-15");
        }
    }

    @Test
    void forwardStopsAtTheEndGivenNotAtTheLogsEnd() {
        ReplicaLog log = new ReplicaLog(mixed(), 0, 31);
        assertThat(new LocalLogReader().forward(0, log, 5, 12, 100)).extracting(BrowsedMessage::offset)
                .containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(new LocalLogReader().forward(0, log, 31, 31, 100)).isEmpty();
    }

    @Test
    void newestMergesPartitionsByTimestampNewestLastReadingOnlyTheirLastBatches() throws IOException {
        // partition 0: 50 records, timestamps 1000 + 10 * offset; partition 1: 30 records, 1000 + 20 * offset + 1
        List<MemoryRecords> zero = new ArrayList<>();
        for (int base = 0; base < 50; base += 5) {
            zero.add(batch(0, base, 5, Compression.NONE, 10));
        }
        List<MemoryRecords> one = new ArrayList<>();
        for (int base = 0; base < 30; base += 5) {
            one.add(batch(1, base, 5, Compression.lz4().build(), 20));
        }
        ReplicaLog p0 = new ReplicaLog(file("p0", concat(zero)), 0, 50);
        ReplicaLog p1 = new ReplicaLog(file("p1", concat(one)), 0, 30);
        NewestMessages newest = new NewestMessages(6);
        LocalLogReader reader = new LocalLogReader();
        reader.newest(0, p0, p0.highWatermark(), 6, newest);
        reader.newest(1, p1, p1.highWatermark(), 6, newest);
        // newest: p1's 29 (1581), 28 (1561), 27 (1541), 26 (1521), 25 (1501), p0's 49 (1490)
        assertThat(values(newest.oldestFirst())).containsExactly("p0-49", "p1-25", "p1-26", "p1-27", "p1-28",
                "p1-29");
        assertThat(p0.lowestOffsetRead()).isEqualTo(40); // the batch holding 50 - 6: nothing older is read
        assertThat(p1.lowestOffsetRead()).isEqualTo(20);
    }

    @Test
    void newestBreaksTimestampTiesByPartitionThenOffset() {
        NewestMessages newest = new NewestMessages(3);
        newest.offer(new BrowsedMessage(2, 7, 100, null));
        newest.offer(new BrowsedMessage(1, 9, 100, null));
        newest.offer(new BrowsedMessage(1, 8, 100, null));
        newest.offer(new BrowsedMessage(0, 1, 99, null));
        newest.offer(new BrowsedMessage(0, 5, 100, null));
        assertThat(newest.oldestFirst()).extracting(m -> m.partition() + "/" + m.offset())
                .containsExactly("1/8", "1/9", "2/7");
    }

    @Test
    void newestStaysBelowTheHighWatermarkAndSkipsControlBatches() {
        ReplicaLog log = new ReplicaLog(mixed(), 0, 25); // offsets 25-30 are not committed yet
        NewestMessages newest = new NewestMessages(4);
        new LocalLogReader().newest(0, log, log.highWatermark(), 4, newest);
        // the last 4 offsets below 25 are 21-24; the marker at 20 is not a message
        assertThat(newest.oldestFirst()).extracting(BrowsedMessage::offset).containsExactly(21L, 22L, 23L, 24L);
        NewestMessages five = new NewestMessages(5);
        new LocalLogReader().newest(0, log, log.highWatermark(), 5, five);
        // offsets 20-24 hold 4 messages: the fifth comes from before the marker
        assertThat(five.oldestFirst()).extracting(BrowsedMessage::offset).containsExactly(19L, 21L, 22L, 23L, 24L);
    }

    @Test
    void newestLooksFurtherBackWhenCompactionLeftFewRecordsInTheLastOffsets() {
        List<MemoryRecords> sparse = new ArrayList<>();
        for (long offset = 0; offset < 100; offset += 10) {
            sparse.add(batch(0, offset, 1, Compression.NONE, 1)); // a compacted log: offsets 0, 10, ..., 90
        }
        ReplicaLog log = new ReplicaLog(concat(sparse), 0, 91);
        NewestMessages newest = new NewestMessages(3);
        new LocalLogReader().newest(0, log, log.highWatermark(), 3, newest);
        assertThat(newest.oldestFirst()).extracting(BrowsedMessage::offset).containsExactly(70L, 80L, 90L);
    }

    @Test
    void newestOfAPartitionWithFewerRecordsThanTheLimitGivesThemAll() {
        ReplicaLog log = new ReplicaLog(batch(0, 40, 3, Compression.NONE, 1), 40, 43); // retention removed 0-39
        NewestMessages newest = new NewestMessages(10);
        new LocalLogReader().newest(0, log, log.highWatermark(), 10, newest);
        assertThat(newest.oldestFirst()).extracting(BrowsedMessage::offset).containsExactly(40L, 41L, 42L);
    }
}
