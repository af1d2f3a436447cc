package io.tributary.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.RawKafkaConnection;
import io.tributary.it.support.TopicNames;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeTopicPartitionsRequest;
import org.apache.kafka.common.requests.DescribeTopicPartitionsResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DescribeTopicPartitions (KIP-966), what a Kafka 4 Admin's describeTopics sends: partitions in order, a page at a
 * time with a cursor the client follows, unknown topics answered as such.
 */
class DescribeTopicPartitionsIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void theAdminPagesThroughEveryPartitionWithTheCursor() throws Exception {
        // given two topics of 5 and 3 partitions
        String first = TopicNames.unique("paged-a");
        String second = TopicNames.unique("paged-b");
        broker.createTopic(first, 5);
        broker.createTopic(second, 3);

        // when the Admin describes them two partitions per response
        Map<String, TopicDescription> described;
        try (Admin admin = broker.clients().newAdmin(Map.of())) {
            described = admin.describeTopics(List.of(first, second),
                    new DescribeTopicsOptions().partitionSizeLimitPerResponse(2)).allTopicNames()
                    .get(15, TimeUnit.SECONDS);
        }

        // then every partition is there, in order, with its leader
        assertThat(described.get(first).partitions()).extracting(TopicPartitionInfo::partition)
                .containsExactly(0, 1, 2, 3, 4);
        assertThat(described.get(second).partitions()).extracting(TopicPartitionInfo::partition)
                .containsExactly(0, 1, 2);
        assertThat(described.get(first).partitions()).allSatisfy(p -> {
            assertThat(p.leader().id()).isEqualTo(broker.nodeId());
            assertThat(p.elr()).isEmpty();
        });
    }

    @Test
    void aPageEndsWithACursorAtTheNextPartition() throws Exception {
        // given
        String topic = TopicNames.unique("cursor");
        broker.createTopic(topic, 5);
        DescribeTopicPartitionsRequestData data = new DescribeTopicPartitionsRequestData()
                .setResponsePartitionLimit(3);
        data.topics().add(new DescribeTopicPartitionsRequestData.TopicRequest().setName(topic));
        data.topics().add(new DescribeTopicPartitionsRequestData.TopicRequest().setName("zz-missing-" + topic));

        // when
        DescribeTopicPartitionsResponse first = ask(data);
        data.setCursor(new DescribeTopicPartitionsRequestData.Cursor().setTopicName(topic).setPartitionIndex(3));
        DescribeTopicPartitionsResponse rest = ask(data);

        // then the first page stops at partition 3 of the topic; the second has the rest and the unknown topic
        assertThat(first.data().topics()).singleElement().satisfies(t ->
                assertThat(t.partitions()).extracting(p -> p.partitionIndex()).containsExactly(0, 1, 2));
        assertThat(first.data().nextCursor().topicName()).isEqualTo(topic);
        assertThat(first.data().nextCursor().partitionIndex()).isEqualTo(3);
        assertThat(rest.data().nextCursor()).isNull();
        List<DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic> topics =
                new java.util.ArrayList<>(rest.data().topics());
        assertThat(topics).hasSize(2);
        assertThat(topics.get(0).partitions()).extracting(p -> p.partitionIndex()).containsExactly(3, 4);
        assertThat(topics.get(1).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    }

    @Test
    void anUnknownTopicIsReportedToTheAdmin() {
        try (Admin admin = broker.clients().newAdmin(Map.of())) {
            assertThatThrownBy(() -> admin.describeTopics(List.of(TopicNames.unique("missing"))).allTopicNames()
                    .get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
        }
    }

    private static DescribeTopicPartitionsResponse ask(DescribeTopicPartitionsRequestData data) throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", broker.port())) {
            return connection.roundTrip(new DescribeTopicPartitionsRequest.Builder(data).build((short) 0),
                    RawKafkaConnection.header(ApiKeys.DESCRIBE_TOPIC_PARTITIONS, (short) 0, 1));
        }
    }
}
