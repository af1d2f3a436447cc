package io.tributary.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.RawKafkaConnection;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterIT {

    private static final int NODE_ID = 7;
    private static final long TIMEOUT_S = 15;
    private static final short METADATA_VERSION = 12;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().nodeId(NODE_ID).build();

    @Test
    void describeClusterReturnsTheNodeAndAStableClusterId() throws Exception {
        // when
        DescribeClusterResult first = broker.clients().admin().describeCluster();
        DescribeClusterResult second = broker.clients().admin().describeCluster();

        // then
        Collection<Node> nodes = first.nodes().get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(nodes).singleElement().satisfies(node -> {
            assertThat(node.id()).isEqualTo(NODE_ID);
            assertThat(node.host()).isEqualTo("localhost");
            assertThat(node.port()).isEqualTo(broker.port());
        });
        assertThat(first.controller().get(TIMEOUT_S, TimeUnit.SECONDS).id()).isEqualTo(NODE_ID);
        String clusterId = first.clusterId().get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(clusterId).isNotBlank();
        assertThat(second.clusterId().get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo(clusterId);
    }

    @Test
    void metadataShowsTopicIdsBrokersAndClusterId() throws Exception {
        // given
        String topic = TopicNames.unique("metadata");
        Uuid topicId = broker.createTopic(topic, 2);
        String clusterId = broker.clients().admin().describeCluster().clusterId().get(TIMEOUT_S, TimeUnit.SECONDS);

        // when
        MetadataResponse response;
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", broker.port())) {
            var header = RawKafkaConnection.header(ApiKeys.METADATA, METADATA_VERSION, 42);
            var request = new MetadataRequest.Builder(List.of(topic), false).build(METADATA_VERSION);
            response = connection.roundTrip(request, header);
        }

        // then
        assertThat(response.clusterId()).isEqualTo(clusterId);
        assertThat(response.brokers()).singleElement().satisfies(node -> {
            assertThat(node.id()).isEqualTo(NODE_ID);
            assertThat(node.port()).isEqualTo(broker.port());
        });
        MetadataResponseTopic topicMetadata = response.data().topics().find(topic);
        assertThat(topicMetadata).isNotNull();
        assertThat(topicMetadata.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(topicMetadata.topicId()).isEqualTo(topicId);
        assertThat(topicMetadata.partitions()).hasSize(2)
                .allSatisfy(partition -> assertThat(partition.leaderId()).isEqualTo(NODE_ID));
    }

    @Test
    void metadataForUnknownTopicReportsUnknownTopicWithoutCreatingIt() throws Exception {
        // given
        String topic = TopicNames.unique("absent");

        // when
        MetadataResponse response;
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", broker.port())) {
            var header = RawKafkaConnection.header(ApiKeys.METADATA, METADATA_VERSION, 43);
            var request = new MetadataRequest.Builder(List.of(topic), true).build(METADATA_VERSION);
            response = connection.roundTrip(request, header);
        }

        // then (auto-creation is off for this broker, so allowAutoTopicCreation=true must not create it)
        assertThat(response.data().topics().find(topic).errorCode())
                .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(broker.clients().admin().listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS)).doesNotContain(topic);
    }
}
