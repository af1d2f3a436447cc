package io.tributary.metadata.controller;

import static io.tributary.metadata.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsAssignment;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.ControllerHarness;

class DeleteTopicsAndPartitionsTest {

    @TempDir
    Path dir;
    ControllerHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new ControllerHarness(dir);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void deletesByNameBeforeV6() throws Exception {
        // given
        Uuid id = harness.createTopic("gone", 1, Map.of("retention.ms", "1000")).topicId();
        DeleteTopicsRequestData request = new DeleteTopicsRequestData().setTopicNames(List.of("gone", "missing"));

        // when
        DeleteTopicsResponseData response = await(harness.controller().deleteTopics(request, (short) 5));

        // then
        DeletableTopicResult gone = response.responses().find("gone");
        assertThat(gone.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(gone.topicId()).isEqualTo(id);
        assertThat(response.responses().find("missing").errorCode())
            .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(harness.image().topics().get("gone")).isEmpty();
        assertThat(harness.image().configs().topicConfigs("gone")).isEmpty();
    }

    @Test
    void deletesByIdOrNameFromV6() throws Exception {
        // given
        Uuid byId = harness.createTopic("by-id", 1, Map.of()).topicId();
        harness.createTopic("by-name", 1, Map.of());
        Uuid unknownId = Uuid.randomUuid();
        DeleteTopicsRequestData request = new DeleteTopicsRequestData().setTopics(List.of(
            new DeleteTopicState().setTopicId(byId),
            new DeleteTopicState().setName("by-name"),
            new DeleteTopicState().setTopicId(unknownId),
            new DeleteTopicState().setName("x").setTopicId(Uuid.randomUuid()),
            new DeleteTopicState()));

        // when
        List<DeletableTopicResult> results = List.copyOf(
            await(harness.controller().deleteTopics(request, (short) 6)).responses());

        // then
        assertThat(results).anySatisfy(r -> {
            assertThat(r.topicId()).isEqualTo(byId);
            assertThat(r.name()).isEqualTo("by-id");
            assertThat(r.errorCode()).isEqualTo(Errors.NONE.code());
        });
        assertThat(results).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("by-name");
            assertThat(r.errorCode()).isEqualTo(Errors.NONE.code());
        });
        assertThat(results).anySatisfy(r -> {
            assertThat(r.topicId()).isEqualTo(unknownId);
            assertThat(r.errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
        });
        assertThat(results).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("x");
            assertThat(r.errorMessage()).isEqualTo("You may not specify both topic name and topic id.");
        });
        assertThat(results).anySatisfy(r ->
            assertThat(r.errorMessage()).isEqualTo("Neither topic name nor id were specified."));
        assertThat(harness.image().topics().all()).isEmpty();
    }

    @Test
    void refusesDeletionWhenDisabled(@TempDir Path otherDir) throws Exception {
        try (ControllerHarness disabled = new ControllerHarness(otherDir, Map.of("delete.topic.enable", "false"))) {
            // given
            disabled.createTopic("stays", 1, Map.of());

            // when
            DeleteTopicsResponseData response = await(disabled.controller().deleteTopics(
                new DeleteTopicsRequestData().setTopicNames(List.of("stays")), (short) 5));

            // then
            assertThat(response.responses().find("stays").errorCode()).isEqualTo(Errors.TOPIC_DELETION_DISABLED.code());
            assertThat(disabled.image().topics().get("stays")).isPresent();
        }
    }

    @Test
    void growsPartitions() throws Exception {
        // given
        harness.createTopic("grow", 1, Map.of());

        // when
        CreatePartitionsTopicResult result = createPartitions(new CreatePartitionsTopic().setName("grow").setCount(3)
            .setAssignments(null));

        // then
        assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(harness.image().topics().get("grow").orElseThrow().partitions()).containsOnlyKeys(0, 1, 2);
    }

    @Test
    void rejectsShrinkingSameCountUnknownTopicAndBadAssignments() throws Exception {
        // given
        harness.createTopic("fixed", 2, Map.of());

        // when
        CreatePartitionsTopicResult lower = createPartitions(new CreatePartitionsTopic().setName("fixed").setCount(1)
            .setAssignments(null));
        CreatePartitionsTopicResult same = createPartitions(new CreatePartitionsTopic().setName("fixed").setCount(2)
            .setAssignments(null));
        CreatePartitionsTopicResult unknown = createPartitions(new CreatePartitionsTopic().setName("nope").setCount(2)
            .setAssignments(null));
        CreatePartitionsTopicResult tooFew = createPartitions(new CreatePartitionsTopic().setName("fixed").setCount(4)
            .setAssignments(List.of(new CreatePartitionsAssignment().setBrokerIds(List.of(1)))));
        CreatePartitionsTopicResult badBroker = createPartitions(new CreatePartitionsTopic().setName("fixed").setCount(3)
            .setAssignments(List.of(new CreatePartitionsAssignment().setBrokerIds(List.of(9)))));

        // then
        assertThat(lower.errorCode()).isEqualTo(Errors.INVALID_PARTITIONS.code());
        assertThat(lower.errorMessage()).isEqualTo("Topic currently has 2 partitions, which is higher than the requested 1.");
        assertThat(same.errorMessage()).isEqualTo("Topic already has 2 partitions.");
        assertThat(unknown.errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(tooFew.errorCode()).isEqualTo(Errors.INVALID_REPLICA_ASSIGNMENT.code());
        assertThat(tooFew.errorMessage())
            .isEqualTo("Attempted to add 2 additional partition(s), but only 1 assignment(s) were specified.");
        assertThat(badBroker.errorCode()).isEqualTo(Errors.INVALID_REPLICA_ASSIGNMENT.code());
        assertThat(harness.image().topics().get("fixed").orElseThrow().partitions()).hasSize(2);
    }

    @Test
    void validateOnlyDoesNotGrow() throws Exception {
        // given
        harness.createTopic("dry", 1, Map.of());
        CreatePartitionsRequestData request = new CreatePartitionsRequestData().setValidateOnly(true);
        request.topics().add(new CreatePartitionsTopic().setName("dry").setCount(5).setAssignments(null));

        // when
        CreatePartitionsResponseData response = await(harness.controller().createPartitions(request));

        // then
        assertThat(response.results().get(0).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(harness.image().topics().get("dry").orElseThrow().partitions()).hasSize(1);
    }

    private CreatePartitionsTopicResult createPartitions(CreatePartitionsTopic topic) throws Exception {
        CreatePartitionsRequestData request = new CreatePartitionsRequestData();
        request.topics().add(topic);
        return await(harness.controller().createPartitions(request)).results().get(0);
    }
}
