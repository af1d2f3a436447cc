package io.tributary.metadata.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DynamicBrokerConfigsTest {

    @Test
    void acceptsKafkasDynamicSettingsPerBroker() {
        assertThatCode(() -> DynamicBrokerConfigs.validate(Map.of(
            "sasl.kerberos.min.time.before.relogin", "120000",
            "listener.name.internal.ssl.keystore.password", "secret",
            "log.cleaner.threads", "2",
            "max.connections", "100",
            "producer.id.expiration.ms", "1000"), true)).doesNotThrowAnyException();
    }

    @Test
    void acceptsClusterWideSettingsAsTheClusterDefault() {
        assertThatCode(() -> DynamicBrokerConfigs.validate(Map.of(
            "log.retention.ms", "1000",
            "num.network.threads", "4",
            "listener.name.internal.max.connections", "10"), false)).doesNotThrowAnyException();
    }

    @Test
    void refusesStaticSettings() {
        assertThatThrownBy(() -> DynamicBrokerConfigs.validate(Map.of("num.partitions", "3", "node.id", "2"), true))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Cannot update these configs dynamically: Set(node.id, num.partitions)");
    }

    @Test
    void refusesKeystoreSettingsWithoutAListenerPrefix() {
        assertThatThrownBy(() -> DynamicBrokerConfigs.validate(Map.of("ssl.keystore.location", "/k"), true))
            .hasMessage("These security configs can be dynamically updated only per-listener using the listener "
                + "prefix: Set(ssl.keystore.location)");
    }

    @Test
    void refusesPerBrokerSettingsAsTheClusterDefault() {
        assertThatThrownBy(() -> DynamicBrokerConfigs.validate(
            Map.of("sasl.kerberos.min.time.before.relogin", "120000"), false))
            .hasMessage("Cannot update these configs at default cluster level, broker id must be specified: "
                + "Set(sasl.kerberos.min.time.before.relogin)");
    }

    @Test
    void refusesValuesOfTheWrongType() {
        assertThatThrownBy(() -> DynamicBrokerConfigs.validate(Map.of("log.cleaner.threads", "many"), true))
            .hasMessage("Invalid value many for configuration log.cleaner.threads: Not a number of type INT");
    }
}
