package io.tributary.metadata.config;

import static io.tributary.metadata.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.ControllerHarness;

class ConfigDescribeAndAlterTest {

    @TempDir
    Path dir;
    ControllerHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new ControllerHarness(dir, Map.of("log.retention.hours", "48", "log.segment.bytes", "2097152"));
        harness.createTopic("events", 1, Map.of("retention.ms", "1000"));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void describesTopicWithSourcesAndSynonymsInKafkaOrder() {
        // when
        DescribeConfigsResult result = describe(ConfigResource.Type.TOPIC, "events", true);

        // then
        assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
        DescribeConfigsResourceResult retention = entry(result, "retention.ms");
        assertThat(retention.value()).isEqualTo("1000");
        assertThat(retention.configSource()).isEqualTo(ConfigSource.TOPIC_CONFIG.id());
        assertThat(retention.configType()).isEqualTo(ConfigType.LONG.id());
        assertThat(retention.documentation()).isNotBlank();
        assertThat(retention.synonyms()).extracting(DescribeConfigsSynonym::name, DescribeConfigsSynonym::source)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("retention.ms", ConfigSource.TOPIC_CONFIG.id()));

        DescribeConfigsResourceResult segment = entry(result, "segment.bytes");
        assertThat(segment.value()).isEqualTo("2097152");
        assertThat(segment.configSource()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG.id());
        assertThat(segment.synonyms()).extracting(DescribeConfigsSynonym::name, DescribeConfigsSynonym::source)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("log.segment.bytes", ConfigSource.STATIC_BROKER_CONFIG.id()),
                org.assertj.core.groups.Tuple.tuple("log.segment.bytes", ConfigSource.DEFAULT_CONFIG.id()));

        DescribeConfigsResourceResult throttled = entry(result, "leader.replication.throttled.replicas");
        assertThat(throttled.configSource()).isEqualTo(ConfigSource.DEFAULT_CONFIG.id());
        assertThat(throttled.synonyms()).isEmpty();
        assertThat(result.configs()).allSatisfy(c -> {
            assertThat(c.isSensitive()).isFalse();
            assertThat(c.readOnly()).isFalse();
        });
    }

    @Test
    void effectiveTopicConfigHasEveryKeyTyped() {
        // when
        Map<String, Object> config = harness.controller().configDescriber().effectiveTopicConfig("events");

        // then
        assertThat(config).containsKeys(TopicConfigDefinitions.DEFINITION.names().toArray(String[]::new));
        assertThat(config.get("retention.ms")).isEqualTo(1000L);
        assertThat(config.get("segment.bytes")).isEqualTo(2097152);
        assertThat(config.get("cleanup.policy")).isEqualTo(List.of("delete"));
        assertThat(config.get("max.message.bytes")).isEqualTo(1048588);
    }

    @Test
    void dynamicBrokerDefaultsFeedTopicsAndAreDescribedForBothBrokerResources() throws Exception {
        // given
        AlterConfigsResourceResponse altered = incrementalAlter(ConfigResource.Type.BROKER, "",
            op("log.retention.ms", AlterConfigOp.OpType.SET, "5000"));
        harness.createTopic("plain", 1, Map.of());

        // when
        DescribeConfigsResourceResult topicRetention = entry(describe(ConfigResource.Type.TOPIC, "plain", true),
            "retention.ms");
        DescribeConfigsResult clusterDefault = describe(ConfigResource.Type.BROKER, "", true);
        DescribeConfigsResult node = describe(ConfigResource.Type.BROKER, "1", true);

        // then
        assertThat(altered.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(topicRetention.value()).isEqualTo("5000");
        assertThat(topicRetention.configSource()).isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG.id());
        assertThat(topicRetention.synonyms()).extracting(DescribeConfigsSynonym::name).containsExactly(
            "log.retention.ms", "log.retention.hours", "log.retention.hours");
        assertThat(clusterDefault.configs()).extracting(DescribeConfigsResourceResult::name)
            .containsExactly("log.retention.ms");
        DescribeConfigsResourceResult hours = entry(node, "log.retention.hours");
        assertThat(hours.value()).isEqualTo("48");
        assertThat(hours.readOnly()).isFalse();
        assertThat(entry(node, "num.partitions").readOnly()).isTrue();
        assertThat(entry(node, "log.retention.ms").configSource())
            .isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG.id());
        assertThat(describe(ConfigResource.Type.BROKER, "7", false).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    }

    @Test
    void incrementalAlterSupportsAllOperations() throws Exception {
        // when
        AlterConfigsResourceResponse response = incrementalAlter(ConfigResource.Type.TOPIC, "events",
            op("retention.ms", AlterConfigOp.OpType.DELETE, null),
            op("segment.ms", AlterConfigOp.OpType.SET, "60000"),
            op("cleanup.policy", AlterConfigOp.OpType.APPEND, "compact"));

        // then
        assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(harness.image().configs().topicConfigs("events"))
            .containsExactlyInAnyOrderEntriesOf(Map.of("segment.ms", "60000", "cleanup.policy", "delete,compact"));

        // when
        incrementalAlter(ConfigResource.Type.TOPIC, "events", op("cleanup.policy", AlterConfigOp.OpType.SUBTRACT, "delete"));

        // then
        assertThat(harness.image().configs().topicConfigs("events")).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void incrementalAlterRejectsInvalidChanges() throws Exception {
        // when
        AlterConfigsResourceResponse unknownTopic = incrementalAlter(ConfigResource.Type.TOPIC, "nope",
            op("retention.ms", AlterConfigOp.OpType.SET, "1"));
        AlterConfigsResourceResponse badValue = incrementalAlter(ConfigResource.Type.TOPIC, "events",
            op("retention.ms", AlterConfigOp.OpType.SET, "x"));
        AlterConfigsResourceResponse appendNonList = incrementalAlter(ConfigResource.Type.TOPIC, "events",
            op("retention.ms", AlterConfigOp.OpType.APPEND, "1"));
        AlterConfigsResourceResponse staticBroker = incrementalAlter(ConfigResource.Type.BROKER, "1",
            op("num.partitions", AlterConfigOp.OpType.SET, "4"));
        AlterConfigsResourceResponse badBrokerValue = incrementalAlter(ConfigResource.Type.BROKER, "",
            op("log.retention.ms", AlterConfigOp.OpType.SET, "soon"));

        // then
        assertThat(unknownTopic.errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(badValue.errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
        assertThat(badValue.errorMessage()).isEqualTo("Invalid value x for configuration retention.ms: Not a number of type LONG");
        assertThat(appendNonList.errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
        assertThat(appendNonList.errorMessage()).isEqualTo("Can't APPEND to key retention.ms because its type is not LIST.");
        assertThat(staticBroker.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(staticBroker.errorMessage()).isEqualTo("Cannot update these configs dynamically: Set(num.partitions)");
        assertThat(badBrokerValue.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(harness.image().configs().topicConfigs("events")).containsExactly(Map.entry("retention.ms", "1000"));
    }

    @Test
    void validateOnlyChangesNothing() throws Exception {
        // given
        IncrementalAlterConfigsRequestData request = new IncrementalAlterConfigsRequestData().setValidateOnly(true);
        request.resources().add(resource(ConfigResource.Type.TOPIC, "events",
            op("retention.ms", AlterConfigOp.OpType.SET, "2000")));

        // when
        AlterConfigsResourceResponse response = await(harness.controller().incrementalAlterConfigs(request))
            .responses().get(0);

        // then
        assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(harness.image().configs().topicConfigs("events")).containsEntry("retention.ms", "1000");
    }

    @Test
    void legacyAlterReplacesTheWholeOverrideSet() throws Exception {
        // given
        AlterConfigsRequestData request = new AlterConfigsRequestData();
        AlterConfigsRequestData.AlterConfigsResource resource = new AlterConfigsRequestData.AlterConfigsResource()
            .setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName("events");
        resource.configs().add(new AlterConfigsRequestData.AlterableConfig().setName("segment.ms").setValue("7000"));
        request.resources().add(resource);

        // when
        short error = await(harness.controller().legacyAlterConfigs(request)).responses().get(0).errorCode();

        // then
        assertThat(error).isEqualTo(Errors.NONE.code());
        assertThat(harness.image().configs().topicConfigs("events")).containsExactly(Map.entry("segment.ms", "7000"));
    }

    private DescribeConfigsResult describe(ConfigResource.Type type, String name, boolean synonyms) {
        return harness.controller().configDescriber().describe(new DescribeConfigsResource()
            .setResourceType(type.id()).setResourceName(name).setConfigurationKeys(null), synonyms, true);
    }

    private AlterConfigsResourceResponse incrementalAlter(ConfigResource.Type type, String name, AlterableConfig... ops)
        throws Exception {
        IncrementalAlterConfigsRequestData request = new IncrementalAlterConfigsRequestData();
        request.resources().add(resource(type, name, ops));
        return await(harness.controller().incrementalAlterConfigs(request)).responses().get(0);
    }

    private static AlterConfigsResource resource(ConfigResource.Type type, String name, AlterableConfig... ops) {
        AlterConfigsResource resource = new AlterConfigsResource().setResourceType(type.id()).setResourceName(name);
        for (AlterableConfig op : ops) {
            resource.configs().add(op);
        }
        return resource;
    }

    private static AlterableConfig op(String name, AlterConfigOp.OpType type, String value) {
        return new AlterableConfig().setName(name).setConfigOperation(type.id()).setValue(value);
    }

    private static DescribeConfigsResourceResult entry(DescribeConfigsResult result, String name) {
        return result.configs().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
