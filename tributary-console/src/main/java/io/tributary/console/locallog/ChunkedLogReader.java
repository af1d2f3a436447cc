package io.tributary.console.locallog;

import io.tributary.console.broker.LocalLogs.LocalPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.Records;

/**
 * Reads local replicas in place, a chunk of whole batches at a time into one reused buffer, so memory stays bounded
 * whatever a partition's size. One reader per thread, one cursor of it in use at a time: a cursor's chunk is read
 * into the buffer the next one will reuse.
 */
public final class ChunkedLogReader {

    private final int chunkBytes;
    private ByteBuffer chunk;

    public ChunkedLogReader(int chunkBytes) {
        this.chunkBytes = chunkBytes;
        this.chunk = ByteBuffer.allocate(chunkBytes);
    }

    /** The batches holding offsets {@code [from, to)} (control batches too), in offset order. */
    public BatchCursor batches(LocalPartition log, long from, long to) {
        return batches(log, from, to, () -> true);
    }

    /** As {@link #batches(LocalPartition, long, long)}, reading no further chunk once {@code mayRead} says false. */
    public BatchCursor batches(LocalPartition log, long from, long to, BooleanSupplier mayRead) {
        return new BatchCursor(this, log, from, to, mayRead);
    }

    int chunkBytes() {
        return chunkBytes;
    }

    /** The chunk's bytes: a file slice is read into the reused buffer, memory records are used as they are. */
    ByteBuffer inMemory(Records records) {
        if (records instanceof MemoryRecords memory) {
            return memory.buffer();
        }
        int size = records.sizeInBytes();
        if (chunk.capacity() < size) {
            chunk = ByteBuffer.allocate(size); // one batch larger than a chunk: grown to it
        }
        chunk.clear();
        if (records instanceof FileRecords file) {
            chunk.limit(size);
            try {
                file.readInto(chunk, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return chunk;
        }
        for (RecordBatch batch : records.batches()) {
            batch.writeTo(chunk); // any other record set: its batches copied into the buffer
        }
        return chunk.flip();
    }
}
