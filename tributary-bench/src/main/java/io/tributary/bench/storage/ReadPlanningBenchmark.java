package io.tributary.bench.storage;

import io.tributary.bench.AverageTimeBenchmark;
import io.tributary.storage.api.LogConfig;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.api.ReadResult;
import java.util.SplittableRandom;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Fetch read planning: {@code PartitionLog.read} finds the segment, looks the offset up in the sparse offset index,
 * scans batch headers to the exact batch and bounds the slice by maxBytes and the high watermark. No record bytes
 * are copied (the result is a file slice sent with sendfile), so this is the broker's per-partition fetch cost.
 */
public class ReadPlanningBenchmark extends AverageTimeBenchmark {

    private static final int BATCHES = 40_000;
    private static final int RECORDS_PER_BATCH = 8;
    private static final int RECORD_SIZE = 100;
    private static final int FETCH_MAX_BYTES = 1024 * 1024;
    private static final int OFFSETS = 4096;

    private TempLog tempLog;
    private PartitionLog log;
    private long[] randomOffsets;
    private int next;

    /** About 40 MB over several 8 MiB segments, so lookups cross segments and use the offset index. */
    @Setup(Level.Trial)
    public void fillLog() {
        tempLog = TempLog.open(LogConfig.builder().segmentBytes(8 * 1024 * 1024).build());
        log = tempLog.log();
        MemoryRecords batch = RecordBatches.batch(RECORDS_PER_BATCH, RECORD_SIZE, 7L);
        for (int i = 0; i < BATCHES; i++) log.appendAsLeader(RecordBatches.resetForReuse(batch), 0);
        log.updateHighWatermark(log.logEndOffset());
        SplittableRandom random = new SplittableRandom(11L);
        randomOffsets = new long[OFFSETS];
        for (int i = 0; i < OFFSETS; i++) randomOffsets[i] = random.nextLong(log.logEndOffset());
    }

    @TearDown(Level.Trial)
    public void deleteLog() {
        tempLog.close();
    }

    /** A consumer catching up from anywhere in the log. */
    @Benchmark
    public ReadResult readFromRandomOffset() {
        long offset = randomOffsets[next++ & (OFFSETS - 1)];
        return log.read(offset, FETCH_MAX_BYTES, log.highWatermark(), true);
    }

    /** A tailing consumer: the last batch, bounded by the high watermark. */
    @Benchmark
    public ReadResult readNearTheEnd() {
        return log.read(log.logEndOffset() - 1, FETCH_MAX_BYTES, log.highWatermark(), true);
    }

    /** A caught-up consumer: nothing to read, the common case of a parked long-poll fetch being re-checked. */
    @Benchmark
    public ReadResult readAtTheEnd() {
        return log.read(log.logEndOffset(), FETCH_MAX_BYTES, log.highWatermark(), true);
    }
}
