package io.tributary.it.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.embedded.EmbeddedTributary;
import io.tributary.embedded.EmbeddedTributaryCluster;
import io.tributary.it.support.RawKafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.message.DescribeClientQuotasRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.requests.DescribeClientQuotasRequest;
import org.apache.kafka.common.requests.DescribeClientQuotasResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;

/**
 * In a cluster, AlterClientQuotas sent to any broker reaches the active controller, and every broker answers
 * DescribeClientQuotas with the quota from its own metadata image.
 */
class ClusterQuotasIT {

    @Test
    void aQuotaAlteredThroughOneBrokerIsDescribedByEveryBroker() throws Exception {
        try (EmbeddedTributaryCluster cluster = EmbeddedTributaryCluster.builder().nodes(3).start()) {
            EmbeddedTributary last = cluster.nodes().get(2);
            ClientQuotaEntity entity = new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, "shared"));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", last.bootstrapServers()))) {
                admin.alterClientQuotas(List.of(new ClientQuotaAlteration(entity, List.of(
                        new ClientQuotaAlteration.Op("producer_byte_rate", 2048.0))))).all().get(30, TimeUnit.SECONDS);
            }
            for (EmbeddedTributary node : cluster.nodes()) {
                await("node " + node.nodeId() + " describes the quota").atMost(Duration.ofSeconds(15))
                        .untilAsserted(() -> assertThat(describeOn(node)).isEqualTo(2048.0));
            }
        }
    }

    /** The producer_byte_rate of client-id "shared" as one broker describes it, asking it directly. */
    private static Double describeOn(EmbeddedTributary node) throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", node.port())) {
            RequestHeader header = RawKafkaConnection.header(ApiKeys.DESCRIBE_CLIENT_QUOTAS, (short) 1, 1);
            DescribeClientQuotasResponse response = connection.roundTrip(new DescribeClientQuotasRequest(
                    new DescribeClientQuotasRequestData().setStrict(false), (short) 1), header);
            assertThat(response.data().errorCode()).isEqualTo(Errors.NONE.code());
            return response.data().entries().stream()
                    .filter(e -> e.entity().size() == 1 && "shared".equals(e.entity().get(0).entityName()))
                    .flatMap(e -> e.values().stream()).filter(v -> v.key().equals("producer_byte_rate"))
                    .map(v -> v.value()).findFirst().orElse(null);
        }
    }
}
