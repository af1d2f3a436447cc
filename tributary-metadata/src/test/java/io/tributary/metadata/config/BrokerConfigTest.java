package io.tributary.metadata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    @Test
    void aBadNumberNamesTheKeyTheValueAndTheType() {
        // given
        Map<String, String> settings = Map.of("log.retention.check.interval.ms", "abc");

        // when / then
        assertThatThrownBy(() -> new BrokerConfig(settings))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value abc for configuration log.retention.check.interval.ms: Not a number of type LONG");
    }

    @Test
    void aMistypedBooleanIsRefusedInsteadOfReadAsFalse() {
        // given
        Map<String, String> settings = Map.of("auto.create.topics.enable", "ture");

        // when / then
        assertThatThrownBy(() -> new BrokerConfig(settings))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value ture for configuration auto.create.topics.enable: "
                + "Expected value to be either true or false");
    }

    @Test
    void aValueOutOfRangeSaysWhatIsAllowed() {
        // given
        Map<String, String> settings = Map.of("offsets.topic.num.partitions", "0");

        // when / then
        assertThatThrownBy(() -> new BrokerConfig(settings))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value 0 for configuration offsets.topic.num.partitions: Value must be at least 1");
    }

    @Test
    void unsetKeysHaveTheirDefinedDefaultsAndTributarysSingleNodeOnes() {
        // when
        BrokerConfig config = new BrokerConfig(Map.of());

        // then
        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(config.getLong("replica.lag.time.max.ms")).isEqualTo(30_000L);
        assertThat(config.getLong("log.retention.check.interval.ms")).isEqualTo(300_000L);
        assertThat(config.getShort("offsets.topic.replication.factor")).isEqualTo((short) 1);
        assertThat(config.getInt("transaction.state.log.min.isr")).isEqualTo(1);
        assertThat(config.getBoolean("tributary.durable")).isFalse();
        assertThat(config.listeners()).isEqualTo("PLAINTEXT://localhost:9092");
        assertThat(config.advertisedListeners()).isEqualTo(config.listeners());
        assertThat(config.logDirs()).containsExactly(Path.of("./data/kafka-logs").toAbsolutePath().normalize());
    }

    @Test
    void valuesAreTrimmedAndBrokerIdStandsInForNodeId() {
        // when
        BrokerConfig config = new BrokerConfig(Map.of("broker.id", " 7 ", "log.dirs", " /a, /b ,"));

        // then
        assertThat(config.nodeId()).isEqualTo(7);
        assertThat(config.logDirs()).containsExactly(Path.of("/a"), Path.of("/b"));
        assertThat(config.metadataLogDir()).isEqualTo(Path.of("/a"));
        assertThat(config.staticConfig()).containsEntry("broker.id", "7");
    }

    @Test
    void anEmptyLogDirsStopsStartUp() {
        assertThatThrownBy(() -> new BrokerConfig(Map.of("log.dirs", ",")))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Invalid value , for configuration log.dirs: must name at least one directory");
    }

    @Test
    void unknownKeysAreReportedButListenerOverridesOfKnownOnesAreNot() {
        // when
        BrokerConfig config = new BrokerConfig(Map.of("log.retention.hour", "1",
            "listener.name.internal.ssl.keystore.password", "secret",
            "listener.name.internal.plain.sasl.jaas.config", "x"));

        // then
        assertThat(config.unknownNames()).containsExactly("log.retention.hour");
    }

    @Test
    void passwordsAndUnknownNamesAreSensitiveLikeKafka() {
        assertThat(BrokerConfigDefinitions.isSensitive("replica.lag.time.max.ms")).isFalse();
        assertThat(BrokerConfigDefinitions.isSensitive("ssl.keystore.password")).isTrue();
        assertThat(BrokerConfigDefinitions.isSensitive("listener.name.internal.ssl.keystore.password")).isTrue();
        assertThat(BrokerConfigDefinitions.isSensitive("listener.name.internal.ssl.keystore.type")).isFalse();
        assertThat(BrokerConfigDefinitions.isSensitive("my.plugin.setting")).isTrue();
    }
}
