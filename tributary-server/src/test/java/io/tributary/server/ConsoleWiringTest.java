package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.console.ConsoleSettings;
import io.tributary.metadata.config.BrokerConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;

/** Which listener the console's clients use and how they secure it. */
class ConsoleWiringTest {

    private static final String SASL_SSL = "listener.name.sasl_ssl.";

    @Test
    void picksTheFirstSaslListenerAndItsLoginMechanism() {
        BrokerConfig config = new BrokerConfig(Map.of("listeners", "PLAINTEXT://localhost:9092,"
                + "SASL_PLAINTEXT://localhost:9093", "sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256"));

        ConsoleSettings settings = ConsoleWiring.settings(config, advertised(
                "PLAINTEXT", SecurityProtocol.PLAINTEXT, 9092, "SASL_PLAINTEXT", SecurityProtocol.SASL_PLAINTEXT, 9093)).orElseThrow();

        assertThat(settings.bootstrapServers()).isEqualTo("localhost:9093");
        assertThat(settings.loginMechanism()).contains("SCRAM-SHA-256");
        assertThat(settings.clientProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT");
    }

    @Test
    void aSaslSslListenerWithOnlyAKeyStoreIsTrustedThroughThatKeyStore() {
        BrokerConfig config = new BrokerConfig(Map.of("listeners", "SASL_SSL://localhost:9093",
                "sasl.enabled.mechanisms", "SCRAM-SHA-512",
                SASL_SSL + SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12",
                SASL_SSL + SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, "/etc/tributary/broker.p12",
                SASL_SSL + SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, "secret"));

        Map<String, Object> client = ConsoleWiring.settings(config,
                advertised("SASL_SSL", SecurityProtocol.SASL_SSL, 9093)).orElseThrow().clientProperties();

        assertThat(client).containsEntry(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "/etc/tributary/broker.p12")
                .containsEntry(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12")
                .containsEntry(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, "secret");
    }

    @Test
    void aListenerTrustStoreIsKept() {
        BrokerConfig config = new BrokerConfig(Map.of("listeners", "SASL_SSL://localhost:9093",
                "sasl.enabled.mechanisms", "SCRAM-SHA-512",
                SASL_SSL + SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, "/etc/tributary/broker.p12",
                SASL_SSL + SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, "secret",
                SASL_SSL + SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "/etc/tributary/ca.p12",
                SASL_SSL + SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, "ca-secret"));

        Map<String, Object> client = ConsoleWiring.settings(config,
                advertised("SASL_SSL", SecurityProtocol.SASL_SSL, 9093)).orElseThrow().clientProperties();

        assertThat(client).containsEntry(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "/etc/tributary/ca.p12")
                .containsEntry(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, "ca-secret");
    }

    @Test
    void aSaslListenerWithoutALoginMechanismIsPassedOverForOneWithout() {
        BrokerConfig config = new BrokerConfig(Map.of("listeners", "SASL_PLAINTEXT://localhost:9093,"
                + "PLAINTEXT://localhost:9092", "sasl.enabled.mechanisms", "OAUTHBEARER"));

        ConsoleSettings settings = ConsoleWiring.settings(config, advertised(
                "SASL_PLAINTEXT", SecurityProtocol.SASL_PLAINTEXT, 9093, "PLAINTEXT", SecurityProtocol.PLAINTEXT, 9092))
                .orElseThrow();

        assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.loginRequired()).isFalse();
    }

    @Test
    void noConsoleWhenEveryListenerAsksForAMechanismALoginCannotGive() {
        BrokerConfig config = new BrokerConfig(Map.of("listeners", "SASL_PLAINTEXT://localhost:9093",
                "sasl.enabled.mechanisms", "OAUTHBEARER"));

        assertThat(ConsoleWiring.settings(config, advertised("SASL_PLAINTEXT", SecurityProtocol.SASL_PLAINTEXT, 9093)))
                .isEmpty();
    }

    private static Map<String, HostPort> advertised(Object... nameProtocolPort) {
        Map<String, HostPort> advertised = new LinkedHashMap<>();
        for (int i = 0; i < nameProtocolPort.length; i += 3) {
            advertised.put((String) nameProtocolPort[i], new HostPort("localhost", (Integer) nameProtocolPort[i + 2],
                    (SecurityProtocol) nameProtocolPort[i + 1]));
        }
        return advertised;
    }
}
