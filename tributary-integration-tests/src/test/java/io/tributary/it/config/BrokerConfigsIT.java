package io.tributary.it.config;

import static io.tributary.it.support.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.TopicNames;
import io.tributary.it.tools.KafkaToolRunner;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kafka.admin.ConfigCommand;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Broker configs as the broker runs with them, and changed at run time with kafka-configs and the Admin client. */
class BrokerConfigsIT {

    private static final long TIMEOUT_S = 15;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder()
            .config("replica.lag.time.max.ms", "12345")
            .config("listener.name.plaintext.ssl.keystore.password", "secret")
            .build();

    private Admin admin() {
        return broker.clients().admin();
    }

    private ConfigResource thisBroker() {
        return new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(broker.nodeId()));
    }

    @Test
    void describesEverySettingWithTheValueTheBrokerRunsWith() throws Exception {
        // when
        Config config = describe(thisBroker());

        // then
        ConfigEntry lag = config.get("replica.lag.time.max.ms");
        assertThat(lag.value()).isEqualTo("12345");
        assertThat(lag.source()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(lag.isSensitive()).isFalse();
        assertThat(lag.isReadOnly()).isTrue();
        assertThat(lag.synonyms()).extracting(ConfigEntry.ConfigSynonym::source)
                .containsExactly(ConfigSource.STATIC_BROKER_CONFIG, ConfigSource.DEFAULT_CONFIG);
        ConfigEntry session = config.get("broker.session.timeout.ms");
        assertThat(session.value()).isEqualTo("9000");
        assertThat(session.source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
        ConfigEntry password = config.get("listener.name.plaintext.ssl.keystore.password");
        assertThat(password.isSensitive()).isTrue();
        assertThat(password.value()).isNull();
        assertThat(config.get("sasl.login.refresh.buffer.seconds").value()).isEqualTo("300");
        assertThat(config.get("sasl.login.refresh.buffer.seconds").isReadOnly()).isFalse();
    }

    @Test
    void kafkaConfigsChangesAPerBrokerSettingKafkaAllowsAtRunTime() throws Exception {
        // when
        ToolResult altered = KafkaToolRunner.run(ConfigCommand::main, "--bootstrap-server", broker.bootstrapServers(),
                "--entity-type", "brokers", "--entity-name", String.valueOf(broker.nodeId()), "--alter",
                "--add-config", "sasl.kerberos.min.time.before.relogin=120000");
        ToolResult described = KafkaToolRunner.run(ConfigCommand::main, "--bootstrap-server",
                broker.bootstrapServers(), "--entity-type", "brokers", "--entity-name",
                String.valueOf(broker.nodeId()), "--describe");

        // then
        assertThat(altered.exitCode()).as(altered.output()).isZero();
        assertThat(altered.out()).contains("Completed updating config for broker " + broker.nodeId());
        assertThat(described.out()).contains("sasl.kerberos.min.time.before.relogin=120000 sensitive=false "
                + "synonyms={DYNAMIC_BROKER_CONFIG:sasl.kerberos.min.time.before.relogin=120000");
        ConfigEntry entry = describe(thisBroker()).get("sasl.kerberos.min.time.before.relogin");
        assertThat(entry.value()).isEqualTo("120000");
        assertThat(entry.source()).isEqualTo(ConfigSource.DYNAMIC_BROKER_CONFIG);
    }

    @Test
    void kafkaConfigsSetsAClusterDefaultThatTopicsUseAtOnce() throws Exception {
        // given
        String topic = TopicNames.unique("dynamic-default");
        broker.createTopic(topic, 1);

        // when
        ToolResult altered = KafkaToolRunner.run(ConfigCommand::main, "--bootstrap-server", broker.bootstrapServers(),
                "--entity-type", "brokers", "--entity-default", "--alter",
                "--add-config", "log.cleaner.threads=2,log.retention.bytes=1048576");

        // then
        assertThat(altered.exitCode()).as(altered.output()).isZero();
        Config clusterDefault = describe(new ConfigResource(ConfigResource.Type.BROKER, ""));
        assertThat(clusterDefault.get("log.cleaner.threads").source())
                .isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
        assertThat(describe(thisBroker()).get("log.cleaner.threads").value()).isEqualTo("2");
        ConfigEntry retention = describe(new ConfigResource(ConfigResource.Type.TOPIC, topic)).get("retention.bytes");
        assertThat(retention.value()).isEqualTo("1048576");
        assertThat(retention.source()).isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
    }

    @Test
    void incrementalAlterConfigsRefusesWhatKafkaRefuses() {
        // when
        Throwable perBrokerAsDefault = failureOf(alter(new ConfigResource(ConfigResource.Type.BROKER, ""),
                "sasl.kerberos.min.time.before.relogin", "120000"));
        Throwable staticSetting = failureOf(alter(thisBroker(), "replica.lag.time.max.ms", "1000"));
        Throwable badValue = failureOf(alter(thisBroker(), "log.cleaner.threads", "many"));

        // then
        assertThat(perBrokerAsDefault).isInstanceOf(InvalidRequestException.class).hasMessage(
                "Cannot update these configs at default cluster level, broker id must be specified: "
                        + "Set(sasl.kerberos.min.time.before.relogin)");
        assertThat(staticSetting).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Cannot update these configs dynamically: Set(replica.lag.time.max.ms)");
        assertThat(badValue).isInstanceOf(InvalidRequestException.class)
                .hasMessage("Invalid value many for configuration log.cleaner.threads: Not a number of type INT");
    }

    @Test
    void incrementalAlterConfigsSetsAndDeletesAPerBrokerValue() throws Exception {
        // when
        alter(thisBroker(), "max.connections", "500").get(TIMEOUT_S, TimeUnit.SECONDS);

        // then
        assertThat(describe(thisBroker()).get("max.connections").source())
                .isEqualTo(ConfigSource.DYNAMIC_BROKER_CONFIG);

        // when
        admin().incrementalAlterConfigs(Map.of(thisBroker(), List.of(new AlterConfigOp(
                new ConfigEntry("max.connections", null), AlterConfigOp.OpType.DELETE))))
                .all().get(TIMEOUT_S, TimeUnit.SECONDS);

        // then
        ConfigEntry entry = describe(thisBroker()).get("max.connections");
        assertThat(entry.source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
        assertThat(entry.value()).isEqualTo(String.valueOf(Integer.MAX_VALUE));
    }

    private org.apache.kafka.common.KafkaFuture<Void> alter(ConfigResource resource, String name, String value) {
        return admin().incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry(name, value), AlterConfigOp.OpType.SET)))).all();
    }

    private Config describe(ConfigResource resource) throws Exception {
        return admin().describeConfigs(List.of(resource), new DescribeConfigsOptions().includeSynonyms(true))
                .all().get(TIMEOUT_S, TimeUnit.SECONDS).get(resource);
    }
}
