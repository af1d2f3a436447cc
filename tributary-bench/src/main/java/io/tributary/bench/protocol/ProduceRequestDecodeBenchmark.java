package io.tributary.bench.protocol;

import io.tributary.bench.AverageTimeBenchmark;
import io.tributary.bench.storage.RecordBatches;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Decoding one Produce request frame the way the network module does (header, then
 * {@code AbstractRequest.parseRequest}); record sets stay slices of the frame. Shaped like the perf-test producer's
 * requests: one topic by id, 6 partitions, one 128 KiB batch of 1 KiB records each.
 */
public class ProduceRequestDecodeBenchmark extends AverageTimeBenchmark {

    @Param({"6"})
    int partitions;

    @Param({"127"})
    int recordsPerBatch;

    private ByteBuffer frame;

    @Setup(Level.Trial)
    public void encodeRequest() {
        short version = ApiKeys.PRODUCE.latestVersion();
        List<ProduceRequestData.PartitionProduceData> partitionData = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            partitionData.add(new ProduceRequestData.PartitionProduceData()
                    .setIndex(p)
                    .setRecords(RecordBatches.batch(recordsPerBatch, 1024, p)));
        }
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData()
                .setName("bench")
                .setTopicId(Uuid.randomUuid())
                .setPartitionData(partitionData));
        ProduceRequestData data = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000)
                .setTopicData(topics);
        ProduceRequest request = ProduceRequest.builder(data).build(version);
        frame = request.serializeWithHeader(new RequestHeader(ApiKeys.PRODUCE, version, "bench-producer", 1));
    }

    @Benchmark
    public AbstractRequest decode() {
        ByteBuffer buffer = frame.duplicate();
        RequestHeader header = RequestHeader.parse(buffer);
        return AbstractRequest.parseRequest(header.apiKey(), header.apiVersion(), new ByteBufferAccessor(buffer))
                .request;
    }
}
