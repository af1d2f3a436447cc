package io.tributary.console.locallog;

import io.tributary.console.broker.LocalLogs.LocalPartition;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Records;

/**
 * Walks the batches of a local replica's offsets {@code [from, to)} chunk by chunk: the first batch is the one holding
 * {@code from} (or the log start, when retention removed {@code from}); it ends at the first batch from {@code to} on,
 * or where the log has nothing more below {@code to} (it was truncated). A batch, and its bytes, are valid until
 * {@link #next()} is called again.
 */
public final class BatchCursor {

    private final ChunkedLogReader reader;
    private final LocalPartition log;
    private final long to;
    private final BooleanSupplier mayRead;
    private long offset;
    private long next;
    private ByteBuffer chunk;
    private Iterator<MutableRecordBatch> batches;
    private int position;
    private MutableRecordBatch batch;
    private long batchFrom;
    private int batchStart;
    private boolean done;

    BatchCursor(ChunkedLogReader reader, LocalPartition log, long from, long to, BooleanSupplier mayRead) {
        this.reader = reader;
        this.log = log;
        this.to = to;
        this.mayRead = mayRead;
        this.offset = Math.max(from, log.logStartOffset());
        this.next = offset;
    }

    /** Moves to the next batch, reading the next chunk when this one is done; false at the end. */
    public boolean next() {
        if (batch != null) {
            next = batch.nextOffset();
            batch = null;
        }
        while (!done) {
            if (batches != null && batches.hasNext()) {
                MutableRecordBatch candidate = batches.next();
                int start = position;
                position += candidate.sizeInBytes();
                if (candidate.nextOffset() <= next) {
                    continue; // the read starts at the batch holding `offset`
                }
                if (candidate.baseOffset() >= to) {
                    break;
                }
                batch = candidate;
                batchFrom = next;
                batchStart = start;
                return true;
            }
            if (batches != null) {
                if (next <= offset) {
                    break; // a read that does not move on (cannot happen with whole batches): never spin
                }
                offset = next;
            }
            if (!readChunk()) {
                break;
            }
        }
        done = true;
        batches = null;
        return false;
    }

    /** The current batch. */
    public MutableRecordBatch batch() {
        return batch;
    }

    /** The first offset of the range in the current batch: its records below it were not asked for. */
    public long from() {
        return batchFrom;
    }

    /** The current chunk's bytes: the batch is at {@link #batchStart()} past their position. */
    public ByteBuffer chunk() {
        return chunk;
    }

    public int batchStart() {
        return batchStart;
    }

    /** Reads the chunk from {@code offset}; false when there is none to read. */
    private boolean readChunk() {
        while (offset < to && mayRead.getAsBoolean()) {
            Records records;
            try {
                records = log.read(offset, reader.chunkBytes(), to);
            } catch (OffsetOutOfRangeException e) {
                long start = log.logStartOffset();
                if (start <= offset) {
                    throw e;
                }
                offset = start; // retention removed what was next: go on from the new start
                continue;
            }
            if (records.sizeInBytes() == 0) {
                return false; // nothing below `to` any more (the replica was truncated)
            }
            chunk = reader.inMemory(records);
            batches = MemoryRecords.readableRecords(chunk).batches().iterator();
            position = 0;
            next = offset;
            return true;
        }
        return false;
    }
}
