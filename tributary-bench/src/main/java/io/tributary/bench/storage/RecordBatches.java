package io.tributary.bench.storage;

import java.util.Random;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;

/** Uncompressed batches shaped like the perf-test producer's: random (incompressible) values, no keys. */
public final class RecordBatches {

    private RecordBatches() {
    }

    /**
     * Appending stamps the real base offset into the batch in place; a produced batch must carry base offset 0,
     * so a batch is reset before it is appended again. The CRC does not cover the base offset.
     */
    public static MemoryRecords resetForReuse(MemoryRecords singleBatch) {
        singleBatch.buffer().putLong(0, 0L);
        return singleBatch;
    }

    public static MemoryRecords batch(int recordCount, int valueSize, long seed) {
        Random random = new Random(seed);
        long now = System.currentTimeMillis();
        SimpleRecord[] records = new SimpleRecord[recordCount];
        for (int i = 0; i < recordCount; i++) {
            byte[] value = new byte[valueSize];
            random.nextBytes(value);
            records[i] = new SimpleRecord(now, null, value);
        }
        return MemoryRecords.withRecords(Compression.NONE, records);
    }
}
