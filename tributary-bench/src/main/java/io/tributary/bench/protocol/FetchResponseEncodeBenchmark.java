package io.tributary.bench.protocol;

import io.tributary.bench.storage.RecordBatches;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding a Fetch response the way the network module's (package-private) response writer does: size the header
 * and body with {@code MessageSizeAccumulator} and a shared {@code ObjectSerializationCache}, then write everything
 * but the record sets into one buffer. Record sets are sent zero-copy, so only their framing is measured.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FetchResponseEncodeBenchmark {

    @Param({"6", "60"})
    int partitions;

    private final short version = ApiKeys.FETCH.latestVersion();
    private final short headerVersion = ApiKeys.FETCH.responseHeaderVersion(version);
    private FetchResponseData body;
    private ByteBuffer out;

    @Setup(Level.Trial)
    public void buildResponse() {
        MemoryRecords records = RecordBatches.batch(64, 1024, 3L);
        List<FetchResponseData.PartitionData> data = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            data.add(new FetchResponseData.PartitionData()
                    .setPartitionIndex(p)
                    .setHighWatermark(1_000_000L)
                    .setLastStableOffset(1_000_000L)
                    .setLogStartOffset(0L)
                    .setRecords(records));
        }
        List<FetchResponseData.FetchableTopicResponse> topics = new ArrayList<>();
        topics.add(new FetchResponseData.FetchableTopicResponse().setTopic("bench").setTopicId(Uuid.randomUuid())
                .setPartitions(data));
        body = new FetchResponseData().setSessionId(12345).setResponses(topics);
        out = ByteBuffer.allocateDirect(1024 * 1024);
    }

    @Benchmark
    public int encode() {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        MessageSizeAccumulator size = new MessageSizeAccumulator();
        ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(7);
        header.addSize(size, cache, headerVersion);
        body.addSize(size, cache, version);

        out.clear();
        ZeroCopyAccessor writable = new ZeroCopyAccessor(out);
        writable.writeInt(size.totalSize());
        header.write(writable, cache, headerVersion);
        body.write(writable, cache, version);
        return out.position() + (int) writable.recordBytesSkipped();
    }
}
