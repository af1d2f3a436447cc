package io.tributary.metadata;

import static io.tributary.metadata.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.message.BrokerRegistrationRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AllocateProducerIdsRequest;
import org.apache.kafka.common.requests.AllocateProducerIdsResponse;
import org.apache.kafka.common.requests.BrokerRegistrationRequest;
import org.apache.kafka.common.requests.BrokerRegistrationResponse;
import org.apache.kafka.common.requests.DescribeQuorumRequest;
import org.apache.kafka.common.requests.ListPartitionReassignmentsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerRequestHandlerTest {

    @TempDir
    Path dir;

    @Test
    void responsesSerializeAtEveryVersionOfTheRequest() throws Exception {
        try (ClusterHarness cluster = new ClusterHarness(dir, Map.of())) {
            cluster.registerAndUnfence(1);
            for (short version = ApiKeys.DESCRIBE_QUORUM.oldestVersion();
                 version <= ApiKeys.DESCRIBE_QUORUM.latestVersion(); version++) {
                // given
                DescribeQuorumRequest request = new DescribeQuorumRequest.Builder(
                    DescribeQuorumRequest.singletonRequest(new TopicPartition("__cluster_metadata", 0))).build(version);

                // when
                AbstractResponse response = await(cluster.controller().handle(request));

                // then
                assertThat(org.apache.kafka.common.protocol.MessageUtil.toByteBufferAccessor(response.data(), version).buffer().remaining()).isPositive();
            }
            for (short version = ApiKeys.LIST_PARTITION_REASSIGNMENTS.oldestVersion();
                 version <= ApiKeys.LIST_PARTITION_REASSIGNMENTS.latestVersion(); version++) {
                AbstractResponse response = await(cluster.controller().handle(new ListPartitionReassignmentsRequest
                    .Builder(new ListPartitionReassignmentsRequestData().setTopics(null)).build(version)));
                assertThat(org.apache.kafka.common.protocol.MessageUtil.toByteBufferAccessor(response.data(), version).buffer().remaining()).isPositive();
            }
        }
    }

    @Test
    void internalRequestsAreAnsweredWithTheirResponseClasses() throws Exception {
        try (ClusterHarness cluster = new ClusterHarness(dir, Map.of())) {
            // given
            BrokerRegistrationRequestData registration = new BrokerRegistrationRequestData().setBrokerId(7)
                .setClusterId(cluster.image().clusterId()).setIncarnationId(Uuid.randomUuid());

            // when
            AbstractResponse registered = await(cluster.controller().handle(
                new BrokerRegistrationRequest.Builder(registration).build()));
            long epoch = ((BrokerRegistrationResponse) registered).data().brokerEpoch();
            AbstractResponse ids = await(cluster.controller().handle(new AllocateProducerIdsRequest.Builder(
                new AllocateProducerIdsRequestData().setBrokerId(7).setBrokerEpoch(epoch)).build()));

            // then
            assertThat(epoch).isEqualTo(cluster.image().brokers().get(7).orElseThrow().epoch());
            assertThat(((AllocateProducerIdsResponse) ids).data().producerIdLen()).isEqualTo(1000);
        }
    }
}
