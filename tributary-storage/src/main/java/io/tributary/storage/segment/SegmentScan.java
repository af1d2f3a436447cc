package io.tributary.storage.segment;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.record.internal.LegacyRecord;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.Records;

/**
 * Reads a segment file's batches front to back for recovery, in large reads into one direct buffer (a batch larger
 * than it is read on its own), rather than {@code FileRecords.batches()}'s two reads per batch, the second into a
 * new heap buffer through the JDK's temporary direct one. The batches are the same {@code DefaultRecordBatch}es a
 * {@code MemoryRecords} holds, so every check on them (CRC included) is the one a file batch gets. A batch is only
 * valid until the next call.
 *
 * <p>The framing is read as {@code FileLogInputStream} reads it: the scan ends where less than a batch header is
 * left, or less than the batch its header announces (a torn tail); a size below any record's overhead is corrupt.
 */
final class SegmentScan {

    /** Bytes read at a time. */
    static final int READ_BYTES = 1 << 20;
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(READ_BYTES));

    private final FileChannel channel;
    private final int end;
    private final ByteBuffer buffer;
    /** File position of the buffer's first byte; the buffer's limit is how much of the file it holds. */
    private long bufferStart;

    SegmentScan(FileChannel channel, int end) {
        this(channel, end, BUFFERS.get());
    }

    /** With a buffer of one's own (its size is the read size). */
    SegmentScan(FileChannel channel, int end, ByteBuffer buffer) {
        this.channel = channel;
        this.end = end;
        this.buffer = buffer;
        buffer.clear().limit(0);
        this.bufferStart = 0;
    }

    /**
     * The batch at {@code position} (its size is {@code sizeInBytes()}), or null when the file ends before a whole
     * one. Throws CorruptRecordException for a size no batch can have, KafkaException for a batch format other
     * than v2 (the only one a segment of Tributary holds); the batch's CRC is left to the caller.
     */
    MutableRecordBatch batchAt(int position) throws IOException {
        ByteBuffer header = bytes(position, Records.HEADER_SIZE_UP_TO_MAGIC);
        if (header == null) return null;
        int size = header.getInt(Records.SIZE_OFFSET);
        if (size < LegacyRecord.RECORD_OVERHEAD_V0)
            throw new CorruptRecordException("Record size " + size + " at position " + position
                    + " is smaller than the minimum record overhead (" + LegacyRecord.RECORD_OVERHEAD_V0 + ")");
        ByteBuffer whole = bytes(position, Records.LOG_OVERHEAD + size);
        if (whole == null) return null;
        byte magic = whole.get(Records.MAGIC_OFFSET);
        if (magic != RecordBatch.MAGIC_VALUE_V2) throw new KafkaException("unsupported magic " + magic);
        return MemoryRecords.readableRecords(whole).batchIterator().next();
    }

    /** {@code length} bytes of the file from {@code position}, or null when the file ends before. */
    private ByteBuffer bytes(int position, int length) throws IOException {
        if (length < 0 || (long) position + length > end) return null;
        if (position < bufferStart || (long) position + length > bufferStart + buffer.limit()) {
            if (length > buffer.capacity()) return readAlone(position, length);
            fill(position);
        }
        int from = (int) (position - bufferStart);
        return buffer.duplicate().limit(from + length).position(from).slice();
    }

    private void fill(int position) throws IOException {
        buffer.clear().limit((int) Math.min(buffer.capacity(), (long) end - position));
        readFully(buffer, position);
        buffer.flip();
        bufferStart = position;
    }

    private ByteBuffer readAlone(int position, int length) throws IOException {
        ByteBuffer alone = ByteBuffer.allocate(length);
        readFully(alone, position);
        return alone.flip();
    }

    private void readFully(ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int read = channel.read(into, at);
            if (read < 0) throw new EOFException("Segment file ended at " + at + " before its size " + end);
            at += read;
        }
    }
}
