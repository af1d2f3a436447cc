package io.tributary.console.search;

import io.tributary.console.broker.LocalLogs.LocalPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.Records;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

/**
 * Scans a local replica's log in place for matching records, a chunk (about 1 MiB of whole batches) at a time into
 * one reused buffer, so memory stays bounded whatever the partition's size. Shows what a read_uncommitted consumer
 * sees: control batches are skipped, records of aborted transactions are not. Compressed batches are decompressed
 * with their own streaming iterator; uncompressed ones are first searched whole for a substring pattern, and their
 * records are parsed only when it occurs. One scanner per search thread.
 */
public final class LogScanner {

    public static final int CHUNK_BYTES = 1024 * 1024;

    private final RecordMatcher matcher;
    private final SearchBudget budget;
    private final MatchSink sink;
    private final BufferSupplier decompression = BufferSupplier.create();
    private ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);

    public LogScanner(RecordMatcher matcher, SearchBudget budget, MatchSink sink) {
        this.matcher = matcher;
        this.budget = budget;
        this.sink = sink;
    }

    /** Scans offsets {@code [from, to)} of the replica until done or the budget is spent. */
    public void scan(TopicPartition tp, LocalPartition log, long from, long to) {
        long offset = Math.max(from, log.logStartOffset());
        while (offset < to && !budget.exhausted()) {
            Records records;
            try {
                records = log.read(offset, CHUNK_BYTES, to);
            } catch (OffsetOutOfRangeException e) {
                long start = log.logStartOffset();
                if (start <= offset) {
                    throw e;
                }
                offset = start; // retention removed what was next: go on from the new start
                continue;
            }
            if (records.sizeInBytes() == 0) {
                return; // nothing below `to` any more (the replica was truncated)
            }
            long next = scanChunk(tp, records, offset, to);
            if (next <= offset) {
                return; // a read that does not move on (cannot happen with whole batches): never spin
            }
            offset = next;
        }
    }

    /** Scans whole batches of one chunk; returns the next offset to read. */
    long scanChunk(TopicPartition tp, Records records, long offset, long to) {
        ByteBuffer bytes = inMemory(records);
        boolean prefilter = bytes.hasArray();
        int base = prefilter ? bytes.arrayOffset() + bytes.position() : 0;
        int position = 0;
        long next = offset;
        for (MutableRecordBatch batch : MemoryRecords.readableRecords(bytes).batches()) {
            int size = batch.sizeInBytes();
            int batchStart = base + position;
            position += size;
            if (batch.nextOffset() <= next) {
                continue; // the read starts at the batch holding `offset`
            }
            if (batch.baseOffset() >= to || budget.exhausted()) {
                return to;
            }
            if (!sink.progress()) {
                budget.cancel();
                return to;
            }
            budget.scanned(size, 0);
            if (batch.isControlBatch()) {
                next = batch.nextOffset();
                continue;
            }
            if (prefilter && !batch.isCompressed() && !matcher.mayMatchBatch(bytes.array(), batchStart, batchStart + size)) {
                budget.scanned(0, recordsIn(batch, next, to));
                next = batch.nextOffset();
                continue;
            }
            scanRecords(tp, batch, next, to);
            next = batch.nextOffset();
        }
        return next;
    }

    private void scanRecords(TopicPartition tp, RecordBatch batch, long from, long to) {
        long scanned = 0;
        try (CloseableIterator<Record> records = batch.streamingIterator(decompression)) {
            while (records.hasNext()) {
                Record record = records.next();
                long offset = record.offset();
                if (offset < from) {
                    continue;
                }
                if (offset >= to) {
                    break;
                }
                scanned++;
                if (matcher.matches(record)) {
                    budget.matched();
                    if (!sink.match(tp, batch.timestampType(), record)) {
                        budget.cancel();
                    }
                    if (budget.exhausted()) {
                        break;
                    }
                }
            }
        } finally {
            budget.scanned(0, scanned);
        }
    }

    private static long recordsIn(RecordBatch batch, long from, long to) {
        Integer count = batch.countOrNull();
        if (count != null && batch.baseOffset() >= from && batch.lastOffset() < to) {
            return count;
        }
        return Math.max(0, Math.min(batch.nextOffset(), to) - Math.max(batch.baseOffset(), from));
    }

    /** The chunk's bytes: a file slice is read into the reused buffer, memory records are used as they are. */
    private ByteBuffer inMemory(Records records) {
        if (records instanceof MemoryRecords memory) {
            return memory.buffer();
        }
        if (records instanceof FileRecords file) {
            int size = file.sizeInBytes();
            if (chunk.capacity() < size) {
                chunk = ByteBuffer.allocate(size); // one batch larger than a chunk: grown to it, once
            }
            chunk.clear().limit(size);
            try {
                file.readInto(chunk, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return chunk;
        }
        // Any other record set: copy its batches into the buffer.
        int size = records.sizeInBytes();
        if (chunk.capacity() < size) {
            chunk = ByteBuffer.allocate(size);
        }
        chunk.clear();
        for (RecordBatch batch : records.batches()) {
            batch.writeTo(chunk);
        }
        return chunk.flip();
    }
}
