package io.tributary.metadata.controller;

import static io.tributary.metadata.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.ControllerHarness;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;

class CreateTopicsTest {

    @TempDir
    Path dir;
    ControllerHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new ControllerHarness(dir, Map.of("num.partitions", "3", "log.retention.hours", "24"));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void createsTopicWithDefaultsAndReportsEffectiveConfigs() throws Exception {
        // given / when
        CreatableTopicResult result = harness.createTopic("orders", -1, Map.of("cleanup.policy", "compact"));

        // then
        assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(result.topicId()).isNotEqualTo(Uuid.ZERO_UUID).isNotEqualTo(Uuid.METADATA_TOPIC_ID);
        assertThat(result.numPartitions()).isEqualTo(3);
        assertThat(result.replicationFactor()).isEqualTo((short) 1);
        assertThat(config(result, "cleanup.policy").value()).isEqualTo("compact");
        assertThat(config(result, "cleanup.policy").configSource()).isEqualTo(ConfigSource.TOPIC_CONFIG.id());
        assertThat(config(result, "retention.ms").value()).isEqualTo("86400000");
        assertThat(config(result, "retention.ms").configSource()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG.id());
        assertThat(config(result, "segment.bytes").configSource()).isEqualTo(ConfigSource.DEFAULT_CONFIG.id());

        TopicImage topic = harness.image().topics().get("orders").orElseThrow();
        assertThat(topic.id()).isEqualTo(result.topicId());
        assertThat(topic.partitions()).hasSize(3);
        assertThat(topic.partitions().get(2)).isEqualTo(new PartitionRegistration(new int[] {1}, new int[] {1}, 1, 0, 0));
        assertThat(harness.image().configs().topicConfigs("orders")).containsExactly(Map.entry("cleanup.policy", "compact"));
    }

    @Test
    void validateOnlyWritesNothing() throws Exception {
        // given
        CreateTopicsRequestData request = new CreateTopicsRequestData().setValidateOnly(true);
        request.topics().add(new CreatableTopic().setName("dry").setNumPartitions(2).setReplicationFactor((short) 1));
        long offsetBefore = harness.image().offset();

        // when
        CreateTopicsResponseData response = await(harness.controller().createTopics(request));

        // then
        assertThat(response.topics().find("dry").errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(response.topics().find("dry").numPartitions()).isEqualTo(2);
        assertThat(harness.image().topics().get("dry")).isEmpty();
        assertThat(harness.image().offset()).isEqualTo(offsetBefore);
    }

    @Test
    void rejectsInvalidExistingDuplicateAndCollidingNames() throws Exception {
        // given
        harness.createTopic("a_b", 1, Map.of());
        CreateTopicsRequestData request = new CreateTopicsRequestData();
        request.topics().add(new CreatableTopic().setName("bad name!").setNumPartitions(1).setReplicationFactor((short) 1));
        request.topics().add(new CreatableTopic().setName("a_b").setNumPartitions(1).setReplicationFactor((short) 1));
        request.topics().add(new CreatableTopic().setName("a.b").setNumPartitions(1).setReplicationFactor((short) 1));
        request.topics().add(new CreatableTopic().setName("dup").setNumPartitions(1).setReplicationFactor((short) 1));
        request.topics().add(new CreatableTopic().setName("dup").setNumPartitions(2).setReplicationFactor((short) 1));

        // when
        CreateTopicsResponseData response = await(harness.controller().createTopics(request));

        // then
        assertError(response.topics().find("bad name!"), Errors.INVALID_TOPIC_EXCEPTION,
            "Topic name is invalid: 'bad name!' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'");
        assertError(response.topics().find("a_b"), Errors.TOPIC_ALREADY_EXISTS, "Topic 'a_b' already exists.");
        assertError(response.topics().find("a.b"), Errors.INVALID_TOPIC_EXCEPTION,
            "Topic 'a.b' collides with existing topic: a_b");
        assertError(response.topics().find("dup"), Errors.INVALID_REQUEST, "Duplicate topic name.");
        assertThat(harness.image().topics().get("dup")).isEmpty();
    }

    @Test
    void rejectsBadPartitionCountsAndReplicationFactors() throws Exception {
        // given
        CreateTopicsRequestData request = new CreateTopicsRequestData();
        request.topics().add(new CreatableTopic().setName("zero").setNumPartitions(0).setReplicationFactor((short) 1));
        request.topics().add(new CreatableTopic().setName("neg").setNumPartitions(-2).setReplicationFactor((short) 1));
        request.topics().add(new CreatableTopic().setName("rf0").setNumPartitions(1).setReplicationFactor((short) 0));
        request.topics().add(new CreatableTopic().setName("rf3").setNumPartitions(1).setReplicationFactor((short) 3));

        // when
        CreateTopicsResponseData response = await(harness.controller().createTopics(request));

        // then
        assertError(response.topics().find("zero"), Errors.INVALID_PARTITIONS,
            "Number of partitions was set to an invalid non-positive value.");
        assertError(response.topics().find("neg"), Errors.INVALID_PARTITIONS,
            "Number of partitions was set to an invalid non-positive value.");
        assertError(response.topics().find("rf0"), Errors.INVALID_REPLICATION_FACTOR,
            "Replication factor must be larger than 0, or -1 to use the default value.");
        assertError(response.topics().find("rf3"), Errors.INVALID_REPLICATION_FACTOR,
            "Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached "
                + "because only 1 broker(s) are registered.");
        assertThat(harness.image().topics().all()).isEmpty();
    }

    @Test
    void validatesManualAssignments() throws Exception {
        // given
        CreateTopicsRequestData request = new CreateTopicsRequestData();
        request.topics().add(withAssignments("good", List.of(1), List.of(1)));
        request.topics().add(withAssignments("unknown-broker", List.of(7)));
        request.topics().add(withAssignments("twice", List.of(1, 1)));
        request.topics().add(withAssignments("gap", List.of(1)).setAssignments(new CreateTopicsRequestData
            .CreatableReplicaAssignmentCollection(List.of(new CreatableReplicaAssignment().setPartitionIndex(1)
                .setBrokerIds(List.of(1))).iterator())));
        request.topics().add(withAssignments("with-count", List.of(1)).setNumPartitions(1));

        // when
        CreateTopicsResponseData response = await(harness.controller().createTopics(request));

        // then
        assertThat(response.topics().find("good").errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(harness.image().topics().get("good").orElseThrow().partitions()).hasSize(2);
        assertError(response.topics().find("unknown-broker"), Errors.INVALID_REPLICA_ASSIGNMENT,
            "The manual partition assignment includes broker 7, but no such broker is registered.");
        assertError(response.topics().find("twice"), Errors.INVALID_REPLICA_ASSIGNMENT,
            "The manual partition assignment includes the broker 1 more than once.");
        assertError(response.topics().find("gap"), Errors.INVALID_REPLICA_ASSIGNMENT,
            "partitions should be a consecutive 0-based integer sequence");
        assertError(response.topics().find("with-count"), Errors.INVALID_REQUEST,
            "A manual partition assignment was specified, but numPartitions was not set to -1.");
    }

    @Test
    void rejectsInvalidConfigs() throws Exception {
        // when
        CreatableTopicResult unknown = harness.createTopic("t1", 1, Map.of("no.such.config", "1"));
        CreatableTopicResult badValue = harness.createTopic("t2", 1, Map.of("retention.ms", "abc"));
        CreatableTopicResult outOfRange = harness.createTopic("t3", 1, Map.of("retention.ms", "-5"));
        CreatableTopicResult badEnum = harness.createTopic("t4", 1, Map.of("cleanup.policy", "shred"));
        CreatableTopicResult conflict = harness.createTopic("t5", 1,
            Map.of("min.compaction.lag.ms", "10", "max.compaction.lag.ms", "5"));

        // then
        assertError(unknown, Errors.INVALID_CONFIG, "Unknown topic config name: no.such.config");
        assertError(badValue, Errors.INVALID_CONFIG,
            "Invalid value abc for configuration retention.ms: Not a number of type LONG");
        assertError(outOfRange, Errors.INVALID_CONFIG,
            "Invalid value -5 for configuration retention.ms: Value must be at least -1");
        assertThat(badEnum.errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
        assertThat(badEnum.errorMessage()).contains("shred");
        assertError(conflict, Errors.INVALID_CONFIG,
            "conflict topic config setting min.compaction.lag.ms (10) > max.compaction.lag.ms (5)");
        assertThat(harness.image().topics().all()).isEmpty();
    }

    @Test
    void autoCreatesWithBrokerDefaults() throws Exception {
        // when
        TopicImage topic = await(harness.controller().autoCreateTopic("auto")).orElseThrow();
        TopicImage again = await(harness.controller().autoCreateTopic("auto")).orElseThrow();

        // then
        assertThat(topic.partitions()).hasSize(3);
        assertThat(again.id()).isEqualTo(topic.id());
        assertThat(await(harness.controller().autoCreateTopic("bad name"))).isEmpty();
    }

    @SafeVarargs
    private static CreatableTopic withAssignments(String name, List<Integer>... replicas) {
        CreatableTopic topic = new CreatableTopic().setName(name).setNumPartitions(-1).setReplicationFactor((short) -1);
        for (int i = 0; i < replicas.length; i++) {
            topic.assignments().add(new CreatableReplicaAssignment().setPartitionIndex(i).setBrokerIds(replicas[i]));
        }
        return topic;
    }

    private static CreatableTopicConfigs config(CreatableTopicResult result, String name) {
        return result.configs().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static void assertError(CreatableTopicResult result, Errors error, String message) {
        assertThat(result.errorCode()).as(result.name()).isEqualTo(error.code());
        assertThat(result.errorMessage()).as(result.name()).isEqualTo(message);
    }
}
