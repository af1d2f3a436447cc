package io.tributary.bench.metrics;

import com.codahale.metrics.Meter;
import io.tributary.bench.AverageTimeBenchmark;
import io.tributary.metrics.BrokerTopicStats;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.metrics.MetricName;
import io.tributary.network.RequestContext;
import io.tributary.server.metrics.RequestMetricsRecorder;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * What metrics add to the produce and fetch paths, per call: the BrokerTopicMetrics marks of one partition of a
 * produce or fetch request (topic look-up included), and the RequestMetrics of one answered request (rate, error
 * counts from the response, seven histograms). Compared with the cost of the request itself in
 * docs/benchmarks.md.
 */
public class MetricsCostBenchmark extends AverageTimeBenchmark {

    private BrokerTopicStats stats;
    private RequestMetricsRecorder requests;
    private RequestContext produceContext;
    private ProduceRequest produceRequest;
    private ProduceResponse produceResponse;
    private long now;
    private Meter kafkaMeter;
    private Meter dropwizardMeter;

    @Setup
    public void setUp() throws Exception {
        KafkaMetrics metrics = new KafkaMetrics();
        stats = new BrokerTopicStats(metrics);
        for (int i = 0; i < 100; i++) {
            stats.topic("topic-" + i);
        }
        requests = new RequestMetricsRecorder(metrics);
        short version = ApiKeys.PRODUCE.latestVersion();
        produceContext = new RequestContext(new RequestHeader(ApiKeys.PRODUCE, version, "perf", 1), "c-1",
                InetAddress.getLoopbackAddress(), "PLAINTEXT");
        produceRequest = ProduceRequest.builder(new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000))
                .build(version);
        Map<TopicPartition, ProduceResponse.PartitionResponse> partitions = new HashMap<>();
        ProduceResponseData data = new ProduceResponseData();
        for (int p = 0; p < 6; p++) {
            ProduceResponseData.TopicProduceResponse topic = data.responses().find("topic-1", 
                    org.apache.kafka.common.Uuid.ZERO_UUID);
            if (topic == null) {
                topic = new ProduceResponseData.TopicProduceResponse().setName("topic-1");
                data.responses().add(topic);
            }
            topic.partitionResponses().add(new ProduceResponseData.PartitionProduceResponse().setIndex(p));
        }
        produceResponse = new ProduceResponse(data);
        now = System.nanoTime();
        kafkaMeter = metrics.meter(MetricName.of("kafka.server", "BrokerTopicMetrics", "BytesInPerSec", "topic",
                "t"), "bytes");
        dropwizardMeter = new Meter();
    }

    /** One mark of a registry's meter (BrokerTopicMetrics' and RequestMetrics' meters are these). */
    @Benchmark
    public void meterMark() {
        kafkaMeter.mark(131_072);
    }

    /** One mark of Dropwizard's own meter (clock read and tick check, count and three EWMA adders), for reference. */
    @Benchmark
    public void dropwizardMeterMark() {
        dropwizardMeter.mark(131_072);
    }

    /** One clock reading: the network layer takes six per request for its timeline. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    /** The topic's meters looked up by name, as the produce and fetch handlers do once per partition. */
    @Benchmark
    public BrokerTopicStats.TopicMeters topicLookup() {
        return stats.topic("topic-42");
    }

    /** One partition of a produce request: total requests, then bytes and messages in (topic and broker-wide). */
    @Benchmark
    public void producePartition() {
        BrokerTopicStats.TopicMeters meters = stats.topic("topic-42");
        stats.produceRequest(meters);
        stats.appended(meters, 131_072, 127);
    }

    /** One partition of a consumer fetch: total fetch requests and bytes out. */
    @Benchmark
    public void fetchPartition() {
        stats.fetched(stats.topic("topic-42"), 1_048_576, false);
    }

    /** One answered Produce request of 6 partitions: RequestsPerSec, ErrorsPerSec, the seven time histograms. */
    @Benchmark
    public void produceRequestMetrics() {
        requests.requestCompleted(produceContext, produceRequest, produceResponse, now, now + 1_000, now + 50_000,
                now + 900_000, now + 950_000, now + 1_000_000, 0);
    }
}
