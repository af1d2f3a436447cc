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
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
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
