package io.tributary.network;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.tributary.bench.AverageTimeBenchmark;
import io.tributary.bench.storage.RecordBatches;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The network module's own {@code ResponseWriter} (package-private, hence this package) encoding a Fetch response
 * of 6 or 60 partitions into a pooled direct buffer, with the record sets handed on as separate messages instead
 * of copied (what the socket then sends zero-copy). Each call's output is flushed into an {@link EmbeddedChannel}
 * and released, as the socket write would.
 */
public class ResponseWriterBenchmark extends AverageTimeBenchmark {

    @Param({"6", "60"})
    int partitions;

    private final short version = ApiKeys.FETCH.latestVersion();
    private final short headerVersion = ApiKeys.FETCH.responseHeaderVersion(version);
    private FetchResponseData body;
    private EmbeddedChannel channel;

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
        channel = new EmbeddedChannel();
    }

    @TearDown(Level.Trial)
    public void close() {
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public int write() {
        ResponseWriter.write(PooledByteBufAllocator.DEFAULT, channel, 7, headerVersion, body, version);
        channel.flush();
        int messages = 0;
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ReferenceCountUtil.release(message);
            messages++;
        }
        return messages;
    }
}
