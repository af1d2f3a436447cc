package io.tributary.bench.quota;

import io.tributary.bench.AverageTimeBenchmark;
import io.tributary.broker.quota.ClientQuotas;
import io.tributary.broker.quota.QuotaEnforcer;
import io.tributary.broker.quota.QuotaSettings;
import io.tributary.metadata.image.ClientQuotasImage;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.network.RequestContext;
import io.tributary.network.RequestHandler;
import io.tributary.network.ResponseAction;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.utils.Time;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What client quotas cost a produce request on the request path: the handler alone ({@code direct}), and behind
 * the {@link QuotaEnforcer} with no quota set at all ({@code none}), with quotas set for other clients only
 * ({@code others}), and with a producer_byte_rate that applies but is never exceeded ({@code applies}).
 */
public class QuotaEnforcerBenchmark extends AverageTimeBenchmark {

    @Param({"direct", "none", "others", "applies"})
    public String quotas;

    private RequestHandler handler;
    private ClientQuotas clientQuotas;
    private RequestContext context;
    private ProduceRequest request;

    @Setup
    public void setUp() {
        CompletionStage<ResponseAction> answer = CompletableFuture.completedFuture(
                ResponseAction.send(new ProduceResponse(new ProduceResponseData())));
        RequestHandler router = (ctx, req) -> answer;
        ClientQuotasImage image = switch (quotas) {
            case "others" -> new ClientQuotasImage(Map.of(
                    new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, "someone-else")),
                    Map.of("producer_byte_rate", 1e12)));
            case "applies" -> new ClientQuotasImage(Map.of(
                    new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, "bench")),
                    Map.of("producer_byte_rate", 1e15)));
            default -> ClientQuotasImage.EMPTY;
        };
        MetadataImage empty = MetadataImage.empty("bench");
        MetadataImage metadata = new MetadataImage("bench", 1, empty.topics(), empty.configs(), empty.brokers(), 0,
                image);
        clientQuotas = new ClientQuotas(QuotaSettings.DEFAULTS, () -> metadata, Time.SYSTEM);
        handler = quotas.equals("direct") ? router : new QuotaEnforcer(router, clientQuotas, () -> metadata);
        short version = ApiKeys.PRODUCE.latestVersion();
        context = new RequestContext(new RequestHeader(ApiKeys.PRODUCE, version, "bench", 1), "bench-connection",
                InetAddress.getLoopbackAddress(), "PLAINTEXT");
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord("value".getBytes(StandardCharsets.UTF_8)));
        ProduceRequestData data = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(30_000);
        data.topicData().add(new ProduceRequestData.TopicProduceData().setName("bench").setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(records))));
        request = ProduceRequest.builder(data).build(version);
    }

    @TearDown
    public void tearDown() {
        clientQuotas.close();
    }

    @Benchmark
    public CompletionStage<ResponseAction> produce() {
        return handler.handle(context, request);
    }
}
