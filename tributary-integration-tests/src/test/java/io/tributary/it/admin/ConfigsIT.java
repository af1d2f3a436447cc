package io.tributary.it.admin;

import static io.tributary.it.support.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfigsIT {

    /** A broker-level segment size, so topics show a STATIC_BROKER_CONFIG source next to defaults and overrides. */
    private static final String BROKER_SEGMENT_BYTES = "2097152";
    private static final String DEFAULT_RETENTION_MS = "604800000";
    private static final long TIMEOUT_S = 15;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder()
            .config("log.segment.bytes", BROKER_SEGMENT_BYTES)
            .build();

    private Admin admin() {
        return broker.clients().admin();
    }

    @Test
    void describesTopicConfigWithDefaultsBrokerValuesAndOverrides() throws Exception {
        // given
        String topic = TopicNames.unique("described-config");
        broker.createTopic(topic, 1, Map.of("retention.ms", "3600000"));

        // when
        Config config = describeTopicConfig(topic);

        // then
        assertEntry(config, "retention.ms", "3600000", ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertEntry(config, "segment.bytes", BROKER_SEGMENT_BYTES, ConfigSource.STATIC_BROKER_CONFIG);
        assertEntry(config, "cleanup.policy", "delete", ConfigSource.DEFAULT_CONFIG);
        assertThat(config.get("retention.ms").isDefault()).isFalse();
        assertThat(config.get("cleanup.policy").isDefault()).isTrue();
        assertThat(config.get("max.message.bytes")).isNotNull();
    }

    @Test
    void describingUnknownTopicFails() {
        // given
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, TopicNames.unique("no-such-topic"));

        // when
        Throwable failure = failureOf(admin().describeConfigs(List.of(resource)).all());

        // then
        assertThat(failure).isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void incrementalAlterSetsAndDeletesOverrides() throws Exception {
        // given
        String topic = TopicNames.unique("altered-config");
        broker.createTopic(topic, 1);
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);

        // when
        alter(resource, new AlterConfigOp(new ConfigEntry("retention.ms", "7200000"), AlterConfigOp.OpType.SET));

        // then
        assertEntry(describeTopicConfig(topic), "retention.ms", "7200000", ConfigSource.DYNAMIC_TOPIC_CONFIG);

        // when
        alter(resource, new AlterConfigOp(new ConfigEntry("retention.ms", ""), AlterConfigOp.OpType.DELETE));

        // then
        assertEntry(describeTopicConfig(topic), "retention.ms", DEFAULT_RETENTION_MS, ConfigSource.DEFAULT_CONFIG);
    }

    @Test
    void refusesInvalidConfigValueOnAlter() throws Exception {
        // given
        String topic = TopicNames.unique("invalid-alter");
        broker.createTopic(topic, 1);
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        var op = new AlterConfigOp(new ConfigEntry("retention.ms", "not-a-number"), AlterConfigOp.OpType.SET);

        // when
        Throwable failure = failureOf(admin().incrementalAlterConfigs(Map.of(resource, List.of(op))).all());

        // then
        assertThat(failure).isInstanceOf(InvalidConfigurationException.class);
        assertEntry(describeTopicConfig(topic), "retention.ms", DEFAULT_RETENTION_MS, ConfigSource.DEFAULT_CONFIG);
    }

    @Test
    void refusesUnknownTopicConfigName() throws Exception {
        // given
        String topic = TopicNames.unique("unknown-key");
        broker.createTopic(topic, 1);
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        var op = new AlterConfigOp(new ConfigEntry("no.such.config", "1"), AlterConfigOp.OpType.SET);

        // when
        Throwable failure = failureOf(admin().incrementalAlterConfigs(Map.of(resource, List.of(op))).all());

        // then
        assertThat(failure).isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void refusesInvalidConfigValueOnCreate() {
        // given
        var topic = new NewTopic(TopicNames.unique("invalid-create"), 1, (short) 1)
                .configs(Map.of("cleanup.policy", "shred"));

        // when
        Throwable failure = failureOf(admin().createTopics(List.of(topic)).all());

        // then
        assertThat(failure).isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void describesBrokerConfig() throws Exception {
        // given
        var resource = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(broker.nodeId()));

        // when
        Config config = admin().describeConfigs(List.of(resource)).all().get(TIMEOUT_S, TimeUnit.SECONDS).get(resource);

        // then
        assertEntry(config, "log.segment.bytes", BROKER_SEGMENT_BYTES, ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(config.get("num.partitions").value()).isEqualTo("1");
        assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
    }

    private Config describeTopicConfig(String topic) throws Exception {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin().describeConfigs(List.of(resource)).all().get(TIMEOUT_S, TimeUnit.SECONDS).get(resource);
    }

    private void alter(ConfigResource resource, AlterConfigOp op) throws Exception {
        admin().incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void assertEntry(Config config, String name, String value, ConfigSource source) {
        ConfigEntry entry = config.get(name);
        assertThat(entry).as("config entry %s in %s", name, config).isNotNull();
        assertThat(entry.value()).as("value of %s", name).isEqualTo(value);
        assertThat(entry.source()).as("source of %s", name).isEqualTo(source);
    }
}
