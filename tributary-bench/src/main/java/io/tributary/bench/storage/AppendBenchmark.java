package io.tributary.bench.storage;

import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.LogConfig;
import io.tributary.storage.validation.BatchValidator;
import io.tributary.storage.validation.ValidatedRecords;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The leader append path: batch validation, offset assignment and the write into the active segment
 * ({@code PartitionLog.appendAsLeader}), plus validation alone to split the two; and the follower append path
 * ({@code PartitionLog.appendAsFollower}: format and CRC check, the write, epochs and producer state).
 *
 * <p>Appends write real files, so the log is recreated for every iteration and an iteration is a fixed number of
 * appends (single-shot batches): disk use stays bounded (appendsPerIteration x batch size). The score is the time
 * for the whole iteration; divide by {@link #APPENDS_PER_ITERATION} for the time per append.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AppendBenchmark {

    static final int APPENDS_PER_ITERATION = 10_000;

    @Param({"16"})
    int recordsPerBatch;

    @Param({"1024"})
    int recordSize;

    private MemoryRecords records;
    private TempLog tempLog;
    /** The leader offset the follower benchmark's next batch carries. */
    private long followerOffset;

    @Setup(Level.Trial)
    public void buildBatch() {
        records = RecordBatches.batch(recordsPerBatch, recordSize, 42L);
    }

    @Setup(Level.Iteration)
    public void openLog() {
        tempLog = TempLog.open(LogConfig.defaults());
        followerOffset = 0;
    }

    @TearDown(Level.Iteration)
    public void deleteLog() {
        tempLog.close();
    }

    /**
     * The same buffer is appended again and again: the append only rewrites the base offset and leader epoch,
     * which the batch CRC does not cover, so after resetting the base offset to 0 the batch is valid again and no
     * allocation is measured on our side.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 3, batchSize = APPENDS_PER_ITERATION)
    @Measurement(iterations = 5, batchSize = APPENDS_PER_ITERATION)
    public AppendResult appendAsLeader() {
        return tempLog.log().appendAsLeader(RecordBatches.resetForReuse(records), 0);
    }

    /**
     * A replicated batch as the leader sent it: the same buffer stamped with the next leader offsets (the base
     * offset is outside the CRC), in leader epoch -1 as produced, so the epoch cache is left alone.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 3, batchSize = APPENDS_PER_ITERATION)
    @Measurement(iterations = 5, batchSize = APPENDS_PER_ITERATION)
    public AppendResult appendAsFollower() {
        records.buffer().putLong(0, followerOffset);
        followerOffset += recordsPerBatch;
        return tempLog.log().appendAsFollower(records);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public ValidatedRecords validateOnly() {
        return BatchValidator.validate(TempLog.PARTITION, records, LogConfig.defaults(), System.currentTimeMillis());
    }
}
