package io.tributary.storage;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.api.ReadResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.Records;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.utils.MockTime;

/** Builds records and opens log managers on a temp dir for tests. */
final class LogFixture implements AutoCloseable {

    static final TopicPartition TP = new TopicPartition("orders", 0);
    static final Uuid TOPIC_ID = Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ");
    static final long START_MS = 1_700_000_000_000L;

    final Path dir;
    final MockTime time;
    final StorageConfig storageConfig;
    LogManager manager;

    LogFixture(Path dir) {
        this(dir, new MockTime(0, START_MS, START_MS * 1_000_000L),
                StorageConfig.defaults(List.of(dir)).withCleanerEnable(false));
    }

    LogFixture(Path dir, MockTime time, StorageConfig storageConfig) {
        this.dir = dir;
        this.time = time;
        this.storageConfig = storageConfig;
        start();
    }

    void start() {
        manager = new LogManager(storageConfig, time);
        manager.startup();
    }

    /** Clean stop and start. */
    void restart() {
        manager.close();
        start();
    }

    PartitionLog log(LogConfig config) {
        return manager.getOrCreateLog(TP, TOPIC_ID, config);
    }

    @Override
    public void close() {
        manager.close();
    }

    static MemoryRecords batch(long timestamp, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(timestamp, ("key-" + values[i]).getBytes(StandardCharsets.UTF_8),
                    values[i].getBytes(StandardCharsets.UTF_8));
        }
        return MemoryRecords.withRecords(Compression.NONE, records);
    }

    static MemoryRecords keyed(long timestamp, String key, String value) {
        return MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(timestamp,
                key.getBytes(StandardCharsets.UTF_8), value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
    }

    static MemoryRecords idempotent(long producerId, short epoch, int baseSequence, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(START_MS, values[i].getBytes(StandardCharsets.UTF_8));
        }
        return MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, epoch, baseSequence, records);
    }

    /** Every (offset, value) readable from the log, fetching batch by batch. */
    static List<String> readAllValues(PartitionLog log) {
        List<String> values = new ArrayList<>();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            ReadResult result = log.read(offset, 64 * 1024, log.logEndOffset(), true);
            if (result.sizeInBytes() == 0) break;
            for (RecordBatch batch : result.records().batches()) {
                for (Record record : batch) {
                    if (record.offset() >= offset) values.add(record.offset() + ":" + value(record));
                }
                offset = batch.nextOffset();
            }
        }
        return values;
    }

    /** Everything from offset to the log end as the leader would send it in fetch responses, on the heap. */
    static MemoryRecords fetchAll(PartitionLog log, long offset) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (offset < log.logEndOffset()) {
            ReadResult result = log.read(offset, 64 * 1024, log.logEndOffset(), true);
            if (result.sizeInBytes() == 0) break;
            MemoryRecords copy = heapCopy(result.records());
            out.writeBytes(copy.buffer().array());
            for (RecordBatch batch : copy.batches()) offset = batch.nextOffset();
        }
        return MemoryRecords.readableRecords(ByteBuffer.wrap(out.toByteArray()));
    }

    /** Whole batches only: a read may end with a partial batch. */
    static MemoryRecords heapCopy(Records records) {
        int whole = 0;
        for (RecordBatch batch : records.batches()) whole += batch.sizeInBytes();
        ByteBuffer buf = ByteBuffer.allocate(whole);
        for (RecordBatch batch : records.batches()) batch.writeTo(buf);
        buf.flip();
        return MemoryRecords.readableRecords(buf);
    }

    static String value(Record record) {
        if (!record.hasValue()) return null;
        ByteBuffer v = record.value();
        byte[] bytes = new byte[v.remaining()];
        v.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static List<Long> batchOffsets(Records records) {
        List<Long> offsets = new ArrayList<>();
        for (RecordBatch batch : records.batches()) offsets.add(batch.baseOffset());
        return offsets;
    }
}
