package io.tributary.it.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.RawKafkaConnection;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicCollection;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AlterPartitionReassignmentsRequest;
import org.apache.kafka.common.requests.AlterPartitionReassignmentsResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorRequest.CoordinatorType;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.ListPartitionReassignmentsRequest;
import org.apache.kafka.common.requests.ListPartitionReassignmentsResponse;
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.apache.kafka.common.requests.SyncGroupResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The small print of responses that non-Java clients read literally: null where Kafka sends null rather than the
 * schema's default "", and error codes the request's version defines.
 */
class ResponseDetailsIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    private int correlationId;

    @ParameterizedTest(name = "CreateTopics v{0}")
    @ValueSource(shorts = {2, 5, 7})
    void createdTopicHasANullErrorMessage(short version) throws Exception {
        // given
        String topic = TopicNames.unique("null-message-v" + version);
        CreateTopicsRequestData data = new CreateTopicsRequestData().setTimeoutMs(30_000)
                .setTopics(new CreatableTopicCollection(List.of(new CreatableTopic().setName(topic)
                        .setNumPartitions(1).setReplicationFactor((short) 1)).iterator()));

        // when
        CreateTopicsResponse response = roundTrip(new CreateTopicsRequest.Builder(data).build(version),
                ApiKeys.CREATE_TOPICS, version);

        // then
        CreatableTopicResult result = response.data().topics().find(topic);
        assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(result.errorMessage()).isNull();
    }

    @Test
    void partitionReassignmentAnswersHaveANullTopLevelErrorMessage() throws Exception {
        // given
        String topic = TopicNames.unique("reassign-null");
        broker.createTopic(topic, 1);

        // when: nothing to move (the topic keeps its one replica), and nothing ongoing
        AlterPartitionReassignmentsResponse altered = roundTrip(new AlterPartitionReassignmentsRequest.Builder(
                new AlterPartitionReassignmentsRequestData().setTopics(List.of())).build((short) 0),
                ApiKeys.ALTER_PARTITION_REASSIGNMENTS, (short) 0);
        ListPartitionReassignmentsResponse listed = roundTrip(new ListPartitionReassignmentsRequest.Builder(
                new ListPartitionReassignmentsRequestData().setTopics(null)).build((short) 0),
                ApiKeys.LIST_PARTITION_REASSIGNMENTS, (short) 0);

        // then
        assertThat(altered.data().errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(altered.data().errorMessage()).isNull();
        assertThat(listed.data().errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(listed.data().errorMessage()).isNull();
    }

    @ParameterizedTest(name = "FindCoordinator v{0}")
    @ValueSource(shorts = {1, 2, 3})
    void findCoordinatorBeforeV4SaysNoneAtTheTopLevel(short version) throws Exception {
        // given
        FindCoordinatorRequest request = new FindCoordinatorRequest.Builder(new FindCoordinatorRequestData()
                .setKeyType(CoordinatorType.GROUP.id()).setKey("find-v" + version)).build(version);

        // when (the first call may find the offsets topic still coming up)
        FindCoordinatorResponse[] found = new FindCoordinatorResponse[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            found[0] = roundTrip(request, ApiKeys.FIND_COORDINATOR, version);
            return found[0].data().errorCode() == Errors.NONE.code();
        });

        // then: Kafka writes Errors.NONE's own text here
        assertThat(found[0].data().errorMessage()).isEqualTo("NONE");
        assertThat(found[0].data().port()).isEqualTo(broker.port());
    }

    @ParameterizedTest(name = "ListOffsets v{0} for timestamp {1}: {2}")
    @CsvSource({
        "6, -3, UNSUPPORTED_VERSION", "7, -3, NONE",
        "7, -4, UNSUPPORTED_VERSION", "8, -4, NONE",
        "8, -5, UNSUPPORTED_VERSION", "9, -5, NONE",
        "10, -6, UNSUPPORTED_VERSION", "11, -6, NONE",
        "11, -7, UNSUPPORTED_VERSION", "1, -1, NONE", "1, -2, NONE"})
    void specialTimestampsNeedTheVersionThatDefinedThem(short version, long timestamp, Errors expected)
            throws Exception {
        // given
        String topic = TopicNames.unique("list-offsets-v" + version);
        broker.createTopic(topic, 1);
        ListOffsetsRequest request = ListOffsetsRequest.Builder.forConsumer(true, IsolationLevel.READ_UNCOMMITTED)
                .setTargetTimes(List.of(new ListOffsetsTopic().setName(topic).setPartitions(List.of(
                        new ListOffsetsPartition().setPartitionIndex(0).setTimestamp(timestamp)))))
                .build(version);

        // when
        ListOffsetsResponse response = roundTrip(request, ApiKeys.LIST_OFFSETS, version);

        // then
        ListOffsetsPartitionResponse partition = response.data().topics().get(0).partitions().get(0);
        assertThat(Errors.forCode(partition.errorCode())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Fetch v{0} of a zstd topic: {1}")
    @CsvSource({"4, UNSUPPORTED_COMPRESSION_TYPE", "9, UNSUPPORTED_COMPRESSION_TYPE", "10, NONE", "12, NONE"})
    void fetchBeforeV10CannotReadAZstdTopic(short version, Errors expected) throws Exception {
        // given a topic whose broker-side compression is zstd (KIP-110 came with Fetch v10)
        String topic = TopicNames.unique("zstd-fetch-v" + version);
        broker.createTopic(topic, 1, Map.of(TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd"));
        TopicPartition partition = new TopicPartition(topic, 0);
        FetchRequest request = FetchRequest.Builder.forConsumer(version, 0, 0, Map.of(partition,
                new FetchRequest.PartitionData(Uuid.ZERO_UUID, 0, 0, 1024 * 1024, Optional.empty()))).build(version);

        // when
        FetchResponse response = roundTrip(request, ApiKeys.FETCH, version);

        // then
        assertThat(response.responseData(Map.of(), version).get(partition).errorCode()).isEqualTo(expected.code());
    }

    @Test
    void syncGroupV5WithoutItsProtocolTypeAndNameIsInconsistent() throws Exception {
        // given a v5 SyncGroup that leaves out the protocol type and name KIP-559 made mandatory
        SyncGroupRequestData data = new SyncGroupRequestData().setGroupId("sync-v5").setMemberId("m")
                .setGenerationId(1).setProtocolType(null).setProtocolName(null);

        // when
        SyncGroupResponse response = roundTrip(new SyncGroupRequest.Builder(data).build((short) 5),
                ApiKeys.SYNC_GROUP, (short) 5);

        // then
        assertThat(response.error()).isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL);
    }

    private <R extends AbstractResponse> R roundTrip(AbstractRequest request, ApiKeys api, short version)
            throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", broker.port())) {
            return connection.roundTrip(request, RawKafkaConnection.header(api, version, ++correlationId));
        }
    }
}
