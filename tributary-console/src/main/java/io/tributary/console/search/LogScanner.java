package io.tributary.console.search;

import io.tributary.console.broker.LocalLogs.LocalPartition;
import io.tributary.console.locallog.BatchCursor;
import io.tributary.console.locallog.ChunkedLogReader;
import java.nio.ByteBuffer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
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
    private final ChunkedLogReader chunks = new ChunkedLogReader(CHUNK_BYTES);

    public LogScanner(RecordMatcher matcher, SearchBudget budget, MatchSink sink) {
        this.matcher = matcher;
        this.budget = budget;
        this.sink = sink;
    }

    /** Scans offsets {@code [from, to)} of the replica until done or the budget is spent. */
    public void scan(TopicPartition tp, LocalPartition log, long from, long to) {
        BatchCursor batches = chunks.batches(log, from, to, () -> !budget.exhausted());
        while (batches.next()) {
            if (budget.exhausted()) {
                return;
            }
            if (!sink.progress()) {
                budget.cancel();
                return;
            }
            scanBatch(tp, batches, to);
        }
    }

    private void scanBatch(TopicPartition tp, BatchCursor batches, long to) {
        MutableRecordBatch batch = batches.batch();
        int size = batch.sizeInBytes();
        budget.scanned(size, 0);
        if (batch.isControlBatch()) {
            return;
        }
        ByteBuffer chunk = batches.chunk();
        if (chunk.hasArray() && !batch.isCompressed()) {
            int start = chunk.arrayOffset() + chunk.position() + batches.batchStart();
            if (!matcher.mayMatchBatch(chunk.array(), start, start + size)) {
                budget.scanned(0, recordsIn(batch, batches.from(), to));
                return;
            }
        }
        scanRecords(tp, batch, batches.from(), to);
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
}
