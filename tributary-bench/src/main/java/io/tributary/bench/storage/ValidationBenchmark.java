package io.tributary.bench.storage;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.validation.BatchValidator;
import io.tributary.storage.validation.ValidatedRecords;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Leader-side validation ({@code BatchValidator.validate}) of one produced batch of 1 MiB of record payload
 * (1,024 records of 1 KiB, keyed, half random and half repeated bytes so the codecs have something to do), per
 * codec. The score is the time to validate 1 MiB of record values.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ValidationBenchmark {

    static final int RECORDS = 1024;
    static final int VALUE_SIZE = 1024;

    @Param({"none", "lz4", "zstd"})
    String codec;

    private MemoryRecords records;
    private LogConfig config;

    @Setup(Level.Trial)
    public void buildBatch() {
        Random random = new Random(42L);
        long now = System.currentTimeMillis();
        SimpleRecord[] batch = new SimpleRecord[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            byte[] value = new byte[VALUE_SIZE];
            random.nextBytes(value);
            for (int j = VALUE_SIZE / 2; j < VALUE_SIZE; j++) value[j] = (byte) (j % 7);
            batch[i] = new SimpleRecord(now, ("key-" + i).getBytes(), value);
        }
        records = MemoryRecords.withRecords(Compression.of(CompressionType.forName(codec)).build(), batch);
        config = LogConfig.builder().maxMessageBytes(4 * 1024 * 1024).build();
    }

    @Benchmark
    public ValidatedRecords validate() {
        return BatchValidator.validate(TempLog.PARTITION, records, config, System.currentTimeMillis());
    }
}
