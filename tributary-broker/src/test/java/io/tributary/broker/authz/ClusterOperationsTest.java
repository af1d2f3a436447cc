package io.tributary.broker.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.ApiRouter;
import io.tributary.broker.api.Responses;
import io.tributary.metadata.image.AclEntry;
import io.tributary.metadata.image.AclsImage;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.message.DescribeClientQuotasResponseData;
import org.apache.kafka.common.message.DescribeUserScramCredentialsRequestData;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.DescribeClientQuotasRequest;
import org.apache.kafka.common.requests.DescribeClientQuotasResponse;
import org.apache.kafka.common.requests.DescribeUserScramCredentialsRequest;
import org.apache.kafka.common.requests.DescribeUserScramCredentialsResponse;
import org.apache.kafka.common.requests.BrokerHeartbeatRequest;
import org.apache.kafka.common.requests.BrokerHeartbeatResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.requests.WriteTxnMarkersResponse;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;

/**
 * The cluster-wide rules the router applies before any handler: node-to-node APIs need CLUSTER_ACTION, describing
 * SCRAM users DESCRIBE and client quotas DESCRIBE_CONFIGS, as Kafka.
 */
class ClusterOperationsTest {

    private final AtomicInteger handled = new AtomicInteger();

    private ApiRouter router(AclEntry... acls) {
        Map<Uuid, AclEntry> byId = new java.util.HashMap<>();
        for (AclEntry acl : acls) {
            byId.put(Uuid.randomUuid(), acl);
        }
        AclsImage image = new AclsImage(byId);
        RequestAuthorizer authorizer = new AclAuthorizer(new AuthorizerSettings(java.util.Set.of(), false),
                () -> image);
        return ApiRouter.builder().authorizer(authorizer)
                .route(ApiKeys.BROKER_HEARTBEAT, (ctx, request) -> {
                    handled.incrementAndGet();
                    return Responses.completed(new BrokerHeartbeatResponse(new BrokerHeartbeatResponseData()));
                })
                .route(ApiKeys.WRITE_TXN_MARKERS, (ctx, request) -> {
                    handled.incrementAndGet();
                    return Responses.completed(new WriteTxnMarkersResponse(new WriteTxnMarkersResponseData()));
                })
                .build();
    }

    private static AclEntry allowOnCluster(AclOperation operation) {
        return new AclEntry(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, "User:ANONYMOUS", "*",
                operation, AclPermissionType.ALLOW);
    }

    @Test
    void aBrokerHeartbeatWithoutClusterActionIsRefusedBeforeItsHandler() throws Exception {
        ResponseAction refused = send(router(), heartbeat());
        ResponseAction allowed = send(router(allowOnCluster(AclOperation.CLUSTER_ACTION)), heartbeat());

        assertThat(((BrokerHeartbeatResponse) refused.response()).data().errorCode())
                .isEqualTo(Errors.CLUSTER_AUTHORIZATION_FAILED.code());
        assertThat(((BrokerHeartbeatResponse) allowed.response()).data().errorCode()).isZero();
        assertThat(handled).hasValue(1);
    }

    @Test
    void writeTxnMarkersNeedsAlterOrClusterAction() throws Exception {
        assertThat(errorOf(send(router(), markers()))).isEqualTo(Errors.CLUSTER_AUTHORIZATION_FAILED);
        send(router(allowOnCluster(AclOperation.ALTER)), markers());
        send(router(allowOnCluster(AclOperation.CLUSTER_ACTION)), markers());

        assertThat(handled).hasValue(2);
    }

    @Test
    void describingScramUsersNeedsDescribeAndDescribingQuotasNeedsDescribeConfigsOnTheCluster() throws Exception {
        AclEntry describe = allowOnCluster(AclOperation.DESCRIBE);
        DescribeUserScramCredentialsRequest users = new DescribeUserScramCredentialsRequest.Builder(
                new DescribeUserScramCredentialsRequestData()).build((short) 0);
        DescribeClientQuotasRequest quotas = new DescribeClientQuotasRequest.Builder(ClientQuotaFilter.all())
                .build((short) 1);

        assertThat(scramError(send(describeRouter(), users))).isEqualTo(Errors.CLUSTER_AUTHORIZATION_FAILED.code());
        assertThat(scramError(send(describeRouter(describe), users))).isEqualTo(Errors.NONE.code());
        assertThat(quotaError(send(describeRouter(describe), quotas)))
                .isEqualTo(Errors.CLUSTER_AUTHORIZATION_FAILED.code());
        assertThat(quotaError(send(describeRouter(allowOnCluster(AclOperation.DESCRIBE_CONFIGS)), quotas)))
                .isEqualTo(Errors.NONE.code());
        assertThat(handled).hasValue(2);
    }

    private ApiRouter describeRouter(AclEntry... acls) {
        Map<Uuid, AclEntry> byId = new java.util.HashMap<>();
        for (AclEntry acl : acls) {
            byId.put(Uuid.randomUuid(), acl);
        }
        AclsImage image = new AclsImage(byId);
        return ApiRouter.builder()
                .authorizer(new AclAuthorizer(new AuthorizerSettings(java.util.Set.of(), false), () -> image))
                .route(ApiKeys.DESCRIBE_USER_SCRAM_CREDENTIALS, (ctx, request) -> {
                    handled.incrementAndGet();
                    return Responses.completed(new DescribeUserScramCredentialsResponse(
                            new DescribeUserScramCredentialsResponseData()));
                })
                .route(ApiKeys.DESCRIBE_CLIENT_QUOTAS, (ctx, request) -> {
                    handled.incrementAndGet();
                    return Responses.completed(new DescribeClientQuotasResponse(
                            new DescribeClientQuotasResponseData()));
                })
                .build();
    }

    private static short scramError(ResponseAction action) {
        return ((DescribeUserScramCredentialsResponse) action.response()).data().errorCode();
    }

    private static short quotaError(ResponseAction action) {
        return ((DescribeClientQuotasResponse) action.response()).data().errorCode();
    }

    private static Errors errorOf(ResponseAction action) {
        return action.response().errorCounts().keySet().stream().filter(e -> e != Errors.NONE).findFirst()
                .orElse(Errors.NONE);
    }

    private static BrokerHeartbeatRequest heartbeat() {
        return new BrokerHeartbeatRequest.Builder(new BrokerHeartbeatRequestData().setBrokerId(2)).build((short) 1);
    }

    private static WriteTxnMarkersRequest markers() {
        WriteTxnMarkersRequestData data = new WriteTxnMarkersRequestData();
        data.markers().add(new WriteTxnMarkersRequestData.WritableTxnMarker().setProducerId(7).setProducerEpoch((short) 0)
                .setTransactionResult(true).setTopics(java.util.List.of(
                        new WriteTxnMarkersRequestData.WritableTxnMarkerTopic().setName("t")
                                .setPartitionIndexes(java.util.List.of(0)))));
        return new WriteTxnMarkersRequest.Builder(data).build((short) 1);
    }

    private static ResponseAction send(ApiRouter router, AbstractRequest request) throws Exception {
        RequestHeader header = new RequestHeader(new RequestHeaderData().setRequestApiKey(request.apiKey().id)
                .setRequestApiVersion(request.version()).setClientId("node-2"), (short) 2);
        RequestContext context = new RequestContext(header, "c-1", InetAddress.getLoopbackAddress(), "PLAINTEXT",
                SecurityProtocol.PLAINTEXT, KafkaPrincipal.ANONYMOUS);
        return router.handle(context, request).toCompletableFuture().get();
    }
}
