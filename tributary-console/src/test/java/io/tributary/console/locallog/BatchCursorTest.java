package io.tributary.console.locallog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.console.broker.LocalLogs.LocalPartition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Records;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCursorTest {

    @TempDir
    Path dir;

    /** Offsets 0-9 uncompressed, 10-19 lz4, 20 a commit marker, 21-30 uncompressed. */
    private static MemoryRecords log() {
        return concat(List.of(batch(0, Compression.NONE), batch(10, Compression.lz4().build()),
                MemoryRecords.withEndTransactionMarker(20, 1000L, 0, 7L, (short) 0,
                        new EndTransactionMarker(ControlRecordType.COMMIT, 0)),
                batch(21, Compression.NONE)));
    }

    private static MemoryRecords batch(long base, Compression compression) {
        SimpleRecord[] records = new SimpleRecord[10];
        for (int i = 0; i < records.length; i++) {
            records[i] = new SimpleRecord(1000L + base + i, null, ("value-" + (base + i)).getBytes());
        }
        return MemoryRecords.withRecords(base, compression, records);
    }

    private static MemoryRecords concat(List<MemoryRecords> parts) {
        ByteBuffer all = ByteBuffer.allocate(parts.stream().mapToInt(MemoryRecords::sizeInBytes).sum());
        parts.forEach(p -> all.put(p.buffer()));
        return MemoryRecords.readableRecords(all.flip());
    }

    private FileRecords file(MemoryRecords records) throws IOException {
        FileRecords file = FileRecords.open(dir.resolve("00000000000000000000.log").toFile());
        file.append(records);
        file.flush();
        return file;
    }

    /** "base/from" of each batch the cursor gives, checking its bytes stand where it says. */
    private static List<String> walk(BatchCursor batches) {
        List<String> seen = new ArrayList<>();
        while (batches.next()) {
            ByteBuffer chunk = batches.chunk();
            ByteBuffer bytes = chunk.duplicate().position(chunk.position() + batches.batchStart());
            assertThat(MemoryRecords.readableRecords(bytes.slice()).batches().iterator().next().baseOffset())
                    .isEqualTo(batches.batch().baseOffset());
            seen.add(batches.batch().baseOffset() + "/" + batches.from());
        }
        return seen;
    }

    @Test
    void givesTheBatchesOfTheRangeFromTheOneHoldingItsStartControlBatchesToo() throws IOException {
        for (Records records : List.of(log(), file(log()))) {
            ReplicaLog log = new ReplicaLog(records, 0, 31);
            assertThat(walk(new ChunkedLogReader(1024).batches(log, 15, 21))).containsExactly("10/15", "20/20");
            assertThat(walk(new ChunkedLogReader(1024).batches(log, 0, 31)))
                    .containsExactly("0/0", "10/10", "20/20", "21/21");
            assertThat(walk(new ChunkedLogReader(1024).batches(log, 31, 31))).isEmpty();
        }
    }

    @Test
    void readsAChunkAtATimeIntoOneBufferGrownForABatchLargerThanAChunk() throws IOException {
        ReplicaLog log = new ReplicaLog(file(log()), 0, 31);
        ChunkedLogReader reader = new ChunkedLogReader(100); // smaller than any batch: one batch a read
        assertThat(walk(reader.batches(log, 0, 31))).containsExactly("0/0", "10/10", "20/20", "21/21");
        assertThat(log.reads()).isEqualTo(4);
        assertThat(walk(reader.batches(log, 5, 31))).containsExactly("0/5", "10/10", "20/20", "21/21");
    }

    @Test
    void startsAtTheLogStartWhenTheRangeBeginsBeforeIt() {
        ReplicaLog log = new ReplicaLog(log(), 10, 31);
        assertThat(walk(new ChunkedLogReader(1024).batches(log, 0, 21))).containsExactly("10/10", "20/20");
        assertThat(log.lowestOffsetRead()).isEqualTo(10);
    }

    @Test
    void goesOnFromTheNewLogStartWhenRetentionRemovedWhatWasNext() {
        MovingStart log = new MovingStart(new ReplicaLog(log(), 0, 31), 21);
        assertThat(walk(new ChunkedLogReader(1024).batches(log, 5, 31))).containsExactly("21/21");
        MovingStart unmoved = new MovingStart(new ReplicaLog(log(), 0, 31), 0);
        assertThatThrownBy(() -> walk(new ChunkedLogReader(1024).batches(unmoved, 5, 31)))
                .isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void endsWhereTheLogHasNothingMoreBelowTheEnd() {
        ReplicaLog truncated = new ReplicaLog(concat(List.of(batch(0, Compression.NONE))), 0, 31);
        assertThat(walk(new ChunkedLogReader(1024).batches(truncated, 0, 31))).containsExactly("0/0");
        assertThat(truncated.reads()).isEqualTo(2);
    }

    @Test
    void readsNoFurtherChunkOnceToldNot() throws IOException {
        ReplicaLog log = new ReplicaLog(file(log()), 0, 31);
        ChunkedLogReader reader = new ChunkedLogReader(100);
        assertThat(walk(reader.batches(log, 0, 31, () -> false))).isEmpty();
        assertThat(log.reads()).isZero();
        int[] chunks = {0};
        assertThat(walk(reader.batches(log, 0, 31, () -> chunks[0]++ < 2))).containsExactly("0/0", "10/10");
        assertThat(log.reads()).isEqualTo(2);
    }

    /** A log whose first read finds its start moved to {@code newStart} by retention. */
    private static final class MovingStart implements LocalPartition {
        private final ReplicaLog log;
        private final long newStart;
        private boolean moved;

        MovingStart(ReplicaLog log, long newStart) {
            this.log = log;
            this.newStart = newStart;
        }

        @Override
        public long logStartOffset() {
            return moved ? newStart : log.logStartOffset();
        }

        @Override
        public long highWatermark() {
            return log.highWatermark();
        }

        @Override
        public Records read(long offset, int maxBytes, long maxOffsetExclusive) {
            if (offset < newStart || !moved) {
                moved = true;
                throw new OffsetOutOfRangeException("offset " + offset + " is below the log start " + newStart);
            }
            return log.read(offset, maxBytes, maxOffsetExclusive);
        }
    }
}
