package io.tributary.console.messages;

import io.tributary.console.broker.LocalLogs.LocalPartition;
import io.tributary.console.locallog.BatchCursor;
import io.tributary.console.locallog.ChunkedLogReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

/**
 * Reads a local replica's messages in place for a browse, below the high watermark taken by the caller: what a
 * read_uncommitted consumer sees (control batches skipped). Batches are read a chunk at a time into one reused
 * buffer; a message is turned into JSON (which copies its bytes) before the buffer is read into again. One reader
 * per call.
 */
final class LocalLogReader {

    static final int CHUNK_BYTES = 256 * 1024;

    private final BufferSupplier decompression = BufferSupplier.create();
    private final ChunkedLogReader chunks = new ChunkedLogReader(CHUNK_BYTES);

    /** Up to {@code max} messages of offsets {@code [from, to)}, in offset order. */
    List<BrowsedMessage> forward(int partition, LocalPartition log, long from, long to, int max) {
        List<BrowsedMessage> out = new ArrayList<>();
        if (max <= 0) {
            return out;
        }
        read(partition, log, from, to, new Visitor() {
            @Override
            public boolean wantsBatch(RecordBatch batch) {
                return true;
            }

            @Override
            public boolean record(RecordBatch batch, Record record) {
                out.add(message(partition, batch, record));
                return out.size() < max;
            }
        });
        return out;
    }

    /**
     * Offers the partition's last {@code newest.limit} messages below {@code to} to {@code newest}: the records of
     * the last {@code limit} offsets, and, when compaction or control batches left fewer there, of older offsets
     * until there are {@code limit} or the log starts.
     */
    void newest(int partition, LocalPartition log, long to, int limit, NewestMessages newest) {
        long start = Math.max(log.logStartOffset(), to - limit);
        int[] seen = {0};
        read(partition, log, start, to, new Visitor() {
            @Override
            public boolean wantsBatch(RecordBatch batch) {
                if (newest.mayKeepUpTo(batch.maxTimestamp())) {
                    return true;
                }
                seen[0] += recordsIn(batch, start, to); // none of them would be kept: counted, not read
                return false;
            }

            @Override
            public boolean record(RecordBatch batch, Record record) {
                seen[0]++;
                newest.offer(record.timestamp(), partition, record.offset(), () -> message(partition, batch, record)
                        .json());
                return true;
            }
        });
        long end = start;
        long window = limit;
        while (seen[0] < limit && end > log.logStartOffset()) {
            window *= 2;
            long from = Math.max(log.logStartOffset(), end - window);
            List<BrowsedMessage> older = forward(partition, log, from, end, Integer.MAX_VALUE);
            int wanted = limit - seen[0];
            for (BrowsedMessage message : older.subList(Math.max(0, older.size() - wanted), older.size())) {
                newest.offer(message);
            }
            seen[0] += Math.min(wanted, older.size());
            end = from;
        }
    }

    private static BrowsedMessage message(int partition, RecordBatch batch, Record record) {
        return new BrowsedMessage(partition, record.offset(), record.timestamp(),
                MessageJson.of(partition, batch.timestampType(), record));
    }

    private static int recordsIn(RecordBatch batch, long from, long to) {
        Integer count = batch.countOrNull();
        if (count != null && batch.baseOffset() >= from && batch.lastOffset() < to) {
            return count;
        }
        return (int) Math.max(0, Math.min(batch.nextOffset(), to) - Math.max(batch.baseOffset(), from));
    }

    /** What to do with each batch and record read. */
    private interface Visitor {
        /** Whether to read this (data) batch's records; false passes over it. */
        boolean wantsBatch(RecordBatch batch);

        /** Takes one record; false stops the read. */
        boolean record(RecordBatch batch, Record record);
    }

    /** Visits the records of offsets {@code [from, to)}, chunk by chunk, until done or the visitor stops. */
    private void read(int partition, LocalPartition log, long from, long to, Visitor visitor) {
        BatchCursor batches = chunks.batches(log, from, to);
        while (batches.next()) {
            RecordBatch batch = batches.batch();
            if (!batch.isControlBatch() && visitor.wantsBatch(batch)
                    && !visitRecords(batch, batches.from(), to, visitor)) {
                return;
            }
        }
    }

    /** False when the visitor stopped. */
    private boolean visitRecords(RecordBatch batch, long from, long to, Visitor visitor) {
        try (CloseableIterator<Record> records = batch.streamingIterator(decompression)) {
            while (records.hasNext()) {
                Record record = records.next();
                if (record.offset() < from) {
                    continue;
                }
                if (record.offset() >= to) {
                    return true;
                }
                if (!visitor.record(batch, record)) {
                    return false;
                }
            }
        }
        return true;
    }
}
