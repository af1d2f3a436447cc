package io.tributary.broker.quota;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;

/** How the enforcer answers a client over its quota, per kind of request. */
class QuotaEnforcerTest {

    private final FakeTime time = new FakeTime();

    @Test
    void aConsumerOverItsByteRateGetsNoRecordsTheThrottleTimeAndItsSession() {
        MetadataImage image = image("consumer_byte_rate", 1000.0);
        FetchResponse full = FetchResponse.of(new FetchResponseData().setSessionId(42).setResponses(List.of(
                new FetchResponseData.FetchableTopicResponse().setTopicId(Uuid.randomUuid()).setPartitions(List.of(
                        new FetchResponseData.PartitionData().setPartitionIndex(0).setRecords(records(20_000)))))));
        try (ClientQuotas quotas = new ClientQuotas(QuotaSettings.DEFAULTS, () -> image, time)) {
            RequestHandler enforcer = new QuotaEnforcer(answering(full), quotas, () -> image);
            FetchRequest fetch = new FetchRequest(new FetchRequestData().setReplicaId(-1).setMaxBytes(50_000_000)
                    .setSessionId(42).setSessionEpoch(3), ApiKeys.FETCH.latestVersion());

            ResponseAction action = enforcer.handle(context(ApiKeys.FETCH), fetch).toCompletableFuture().join();

            // the fetch asked for no more than the quota lets through in a window: 1000 x (11 - 1) x 1 s
            assertThat(fetch.data().maxBytes()).isEqualTo(10_000);
            FetchResponse answer = (FetchResponse) action.response();
            assertThat(answer.data().responses()).isEmpty();
            assertThat(answer.sessionId()).isEqualTo(42);
            assertThat(answer.throttleTimeMs()).isPositive();
            assertThat(action.throttleMs()).isEqualTo(answer.throttleTimeMs());
        }
    }

    @Test
    void aClientOverItsRequestPercentageIsThrottledOnAnyRequest() {
        MetadataImage image = image("request_percentage", 0.01);
        RequestHandler slow = (context, request) -> {
            long until = System.nanoTime() + 5_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return CompletableFuture.completedFuture(ResponseAction.send(
                    new MetadataResponse(new MetadataResponseData(), ApiKeys.METADATA.latestVersion())));
        };
        try (ClientQuotas quotas = new ClientQuotas(QuotaSettings.DEFAULTS, () -> image, time)) {
            RequestHandler enforcer = new QuotaEnforcer(slow, quotas, () -> image);
            AbstractRequest metadata = new MetadataRequest(new MetadataRequestData(),
                    ApiKeys.METADATA.latestVersion());

            ResponseAction action = enforcer.handle(context(ApiKeys.METADATA), metadata).toCompletableFuture().join();

            AbstractResponse response = action.response();
            assertThat(response.throttleTimeMs()).isPositive()
                    .as("capped at one window, as Kafka caps request time").isLessThanOrEqualTo(1000);
            assertThat(action.throttleMs()).isEqualTo(response.throttleTimeMs());
        }
    }

    @Test
    void requestsOfOtherClientsAreHandedOnUntouched() {
        MetadataImage image = image("request_percentage", 0.01);
        ResponseAction answer = ResponseAction.send(
                new MetadataResponse(new MetadataResponseData(), ApiKeys.METADATA.latestVersion()));
        try (ClientQuotas quotas = new ClientQuotas(QuotaSettings.DEFAULTS, () -> image, time)) {
            RequestHandler enforcer = new QuotaEnforcer((c, r) -> CompletableFuture.completedFuture(answer), quotas,
                    () -> image);
            RequestContext other = new RequestContext(new RequestHeader(ApiKeys.METADATA,
                    ApiKeys.METADATA.latestVersion(), "someone-else", 1), "c", InetAddress.getLoopbackAddress(),
                    "PLAINTEXT");

            assertThat(enforcer.handle(other, new MetadataRequest(new MetadataRequestData(),
                    ApiKeys.METADATA.latestVersion())).toCompletableFuture().join()).isSameAs(answer);
        }
    }

    @Test
    void anAcksZeroProducerOverItsByteRateGetsNoResponseButIsMuted() {
        MetadataImage image = image("producer_byte_rate", 1000.0);
        try (ClientQuotas quotas = new ClientQuotas(QuotaSettings.DEFAULTS, () -> image, time)) {
            RequestHandler enforcer = new QuotaEnforcer(
                    (c, r) -> CompletableFuture.completedFuture(ResponseAction.noResponse()), quotas, () -> image);
            ProduceRequestData data = new ProduceRequestData().setAcks((short) 0).setTimeoutMs(1000);
            data.topicData().add(new ProduceRequestData.TopicProduceData().setName("t").setPartitionData(List.of(
                    new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(records(20_000)))));
            ProduceRequest produce = ProduceRequest.builder(data).build(ApiKeys.PRODUCE.latestVersion());

            ResponseAction action = enforcer.handle(context(ApiKeys.PRODUCE), produce).toCompletableFuture().join();

            assertThat(action.kind()).isEqualTo(ResponseAction.Kind.NO_RESPONSE);
            assertThat(action.throttleMs()).isPositive();
        }
    }

    @Test
    void oldCreateTopicsVersionsAreAdmittedAndThrottledAfterwards() {
        MetadataImage image = image("controller_mutation_rate", 1.0);
        CreateTopicsResponseData created = new CreateTopicsResponseData();
        created.topics().add(new CreateTopicsResponseData.CreatableTopicResult().setName("big").setNumPartitions(20));
        try (ClientQuotas quotas = new ClientQuotas(QuotaSettings.DEFAULTS, () -> image, time)) {
            RequestHandler enforcer = new QuotaEnforcer(answering(new CreateTopicsResponse(created)), quotas,
                    () -> image);
            CreateTopicsRequestData data = new CreateTopicsRequestData();
            data.topics().add(new CreateTopicsRequestData.CreatableTopic().setName("big").setNumPartitions(20)
                    .setReplicationFactor((short) 1));
            short permissive = 5; // strict from v6
            RequestContext context = new RequestContext(new RequestHeader(ApiKeys.CREATE_TOPICS, permissive,
                    "limited", 1), "c", InetAddress.getLoopbackAddress(), "PLAINTEXT");

            ResponseAction action = enforcer.handle(context,
                    new CreateTopicsRequest.Builder(data).build(permissive)).toCompletableFuture().join();

            // 20 partitions from a bucket of 11 tokens (1/s x 11 windows of 1 s): 9 s until it is back at zero
            assertThat(action.response().errorCounts()).containsOnlyKeys(org.apache.kafka.common.protocol.Errors.NONE);
            assertThat(action.response().throttleTimeMs()).isEqualTo(9000);
            assertThat(action.throttleMs()).isEqualTo(9000);
        }
    }

    private static RequestHandler answering(AbstractResponse response) {
        return (context, request) -> CompletableFuture.completedFuture(ResponseAction.send(response));
    }

    private static RequestContext context(ApiKeys api) {
        return new RequestContext(new RequestHeader(api, api.latestVersion(), "limited", 1), "c",
                InetAddress.getLoopbackAddress(), "PLAINTEXT");
    }

    private static MemoryRecords records(int bytes) {
        return MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord("x".repeat(bytes).getBytes(StandardCharsets.UTF_8)));
    }

    private static MetadataImage image(String key, double value) {
        MetadataImage empty = MetadataImage.empty("test");
        return new MetadataImage("test", 1, empty.topics(), empty.configs(), empty.brokers(), 0,
                new ClientQuotasImage(Map.of(new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, "limited")),
                        Map.of(key, value))));
    }
}
