package io.tributary.it.config;

import static io.tributary.it.support.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.tools.KafkaToolRunner;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kafka.admin.ConfigCommand;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kafka 4.x group configs: described, changed with kafka-configs and IncrementalAlterConfigs, validated. */
class GroupConfigsIT {

    private static final long TIMEOUT_S = 15;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void kafkaConfigsSetsAGroupsSessionTimeoutAndDescribesIt() throws Exception {
        // when
        ToolResult altered = KafkaToolRunner.run(ConfigCommand::main, "--bootstrap-server", broker.bootstrapServers(),
                "--entity-type", "groups", "--entity-name", "g", "--alter",
                "--add-config", "consumer.session.timeout.ms=50000");
        ToolResult described = KafkaToolRunner.run(ConfigCommand::main, "--bootstrap-server",
                broker.bootstrapServers(), "--entity-type", "groups", "--entity-name", "g", "--describe");

        // then
        assertThat(altered.exitCode()).as(altered.output()).isZero();
        assertThat(altered.out()).contains("Completed updating config for group g.");
        assertThat(described.exitCode()).as(described.output()).isZero();
        assertThat(described.out()).contains("consumer.session.timeout.ms=50000");
        Config config = describe("g");
        assertThat(config.get("consumer.session.timeout.ms").value()).isEqualTo("50000");
        assertThat(config.get("consumer.session.timeout.ms").source()).isEqualTo(ConfigSource.DYNAMIC_GROUP_CONFIG);
        assertThat(config.get("consumer.heartbeat.interval.ms").value()).isEqualTo("5000");
        assertThat(config.get("consumer.heartbeat.interval.ms").source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
        assertThat(config.get("share.record.lock.duration.ms").value()).isEqualTo("30000");
    }

    @Test
    void refusesValuesOutsideTheBrokersBoundsAndUnknownNames() {
        // when
        Throwable tooShort = failureOf(alter("bounded", "consumer.session.timeout.ms", "1000"));
        Throwable unknown = failureOf(alter("bounded", "consumer.session.timeout", "50000"));
        Throwable notANumber = failureOf(alter("bounded", "share.heartbeat.interval.ms", "soon"));

        // then
        assertThat(tooShort).isInstanceOf(InvalidConfigurationException.class).hasMessage(
                "consumer.session.timeout.ms must be greater than or equal to group.consumer.min.session.timeout.ms");
        assertThat(unknown).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Unknown group config name: consumer.session.timeout");
        assertThat(notANumber).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid value soon for configuration share.heartbeat.interval.ms: Not a number of type INT");
    }

    @Test
    void storesShareGroupConfigs() throws Exception {
        // when
        alter("queue", "share.auto.offset.reset", "earliest").get(TIMEOUT_S, TimeUnit.SECONDS);

        // then
        assertThat(describe("queue").get("share.auto.offset.reset").value()).isEqualTo("earliest");
        assertThat(failureOf(alter("queue", "share.auto.offset.reset", "oldest")))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    private org.apache.kafka.common.KafkaFuture<Void> alter(String group, String name, String value) {
        return broker.clients().admin().incrementalAlterConfigs(Map.of(
                new ConfigResource(ConfigResource.Type.GROUP, group),
                List.of(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET)))).all();
    }

    private Config describe(String group) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
        return broker.clients().admin().describeConfigs(List.of(resource)).all().get(TIMEOUT_S, TimeUnit.SECONDS)
                .get(resource);
    }
}
