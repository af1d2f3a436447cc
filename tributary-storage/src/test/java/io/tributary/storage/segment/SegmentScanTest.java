package io.tributary.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentScanTest {

    @TempDir
    Path dir;

    /** A batch of one record of {@code size} value bytes at {@code offset}. */
    private static MemoryRecords batch(long offset, int size) {
        byte[] value = new byte[size];
        java.util.Arrays.fill(value, (byte) ('a' + offset % 26));
        return MemoryRecords.withRecords(offset, Compression.NONE,
                new SimpleRecord(1_700_000_000_000L, "k".getBytes(StandardCharsets.UTF_8), value));
    }

    private Path segment(MemoryRecords... batches) throws IOException {
        Path file = dir.resolve("00000000000000000000.log");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (MemoryRecords b : batches) {
                ByteBuffer buf = b.buffer().duplicate();
                while (buf.hasRemaining()) ch.write(buf);
            }
        }
        return file;
    }

    /** Every batch the scan finds from position 0, with a read buffer of bufferBytes; null marks where it ended. */
    private static List<Long> scan(Path file, int bufferBytes, List<Integer> sizes) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            SegmentScan scan = new SegmentScan(ch, (int) ch.size(), ByteBuffer.allocateDirect(bufferBytes));
            int position = 0;
            for (MutableRecordBatch b = scan.batchAt(0); b != null; b = scan.batchAt(position)) {
                b.ensureValid();
                offsets.add(b.baseOffset());
                sizes.add(b.sizeInBytes());
                position += b.sizeInBytes();
            }
        }
        return offsets;
    }

    @Test
    void findsEveryBatchAcrossReadBoundariesAndBatchesLargerThanTheBuffer() throws IOException {
        // given: batches of about 100 to 700 bytes, one of them larger than the 256-byte buffer several times
        MemoryRecords[] batches = new MemoryRecords[12];
        for (int i = 0; i < batches.length; i++) batches[i] = batch(i, i == 5 ? 700 : 30 + 13 * i);
        Path file = segment(batches);
        List<Integer> sizes = new ArrayList<>();

        // when
        List<Long> offsets = scan(file, 256, sizes);

        // then: as many as written, in order, each whole (CRC checked above)
        assertThat(offsets).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(sizes.stream().mapToLong(Integer::longValue).sum()).isEqualTo(Files.size(file));
    }

    @Test
    void endsBeforeATornBatchOrAHalfHeader() throws IOException {
        // given
        Path file = segment(batch(0, 50), batch(1, 50), batch(2, 50));
        long whole = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(whole - 7); // the last batch torn
        }
        List<Integer> sizes = new ArrayList<>();

        // then
        assertThat(scan(file, 64, sizes)).containsExactly(0L, 1L);

        // when: only ten bytes of the third batch's header are left
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(sizes.get(0) + sizes.get(1) + 10);
        }

        // then
        assertThat(scan(file, 4096, new ArrayList<>())).containsExactly(0L, 1L);
    }

    @Test
    void aSizeNoBatchCanHaveIsCorruptAndAnotherFormatUnsupported() throws IOException {
        // given: a header claiming 5 bytes
        ByteBuffer bad = ByteBuffer.allocate(40);
        bad.putLong(3L).putInt(5).put(new byte[28]).flip();
        Path file = segment(batch(0, 20), MemoryRecords.readableRecords(bad));

        // then
        assertThatThrownBy(() -> scan(file, 1024, new ArrayList<>())).isInstanceOf(CorruptRecordException.class);

        // when: a v1 (legacy) batch
        MemoryRecords legacy = MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V1, 0L, Compression.NONE,
                new SimpleRecord(1L, "v".getBytes(StandardCharsets.UTF_8)));
        Files.delete(file);
        Path v1 = segment(legacy);

        // then
        assertThatThrownBy(() -> scan(v1, 1024, new ArrayList<>())).isInstanceOf(KafkaException.class)
                .hasMessageContaining("magic 1");
    }

    @Test
    void aFlippedByteFailsTheBatchCrcAsInAFileBatch() throws IOException {
        // given
        Path file = segment(batch(0, 40), batch(1, 40));
        int firstSize = batch(0, 40).sizeInBytes();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, firstSize + 70);
            one.put(0, (byte) (one.get(0) ^ 0xFF)).rewind();
            ch.write(one, firstSize + 70);
        }

        // then
        assertThatThrownBy(() -> scan(file, 1024, new ArrayList<>())).isInstanceOf(CorruptRecordException.class);
    }
}
