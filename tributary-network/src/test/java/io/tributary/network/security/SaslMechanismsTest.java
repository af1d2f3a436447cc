package io.tributary.network.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SaslMechanismsTest {

    private static final String PLAIN_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "user_alice=\"alice-secret\";";

    @Test
    void kerberosIsRefusedByName() {
        assertThatThrownBy(() -> SaslMechanisms.create("SASL_SSL", Map.of("sasl.enabled.mechanisms", "GSSAPI"),
                ScramCredentialStore.NONE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GSSAPI");
    }

    @Test
    void plainNeedsItsJaasConfigAndSaysWhichKey() {
        assertThatThrownBy(() -> SaslMechanisms.create("SASL_SSL", Map.of("sasl.enabled.mechanisms", "PLAIN"),
                ScramCredentialStore.NONE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("listener.name.sasl_ssl.plain.sasl.jaas.config");
    }

    @Test
    void scramNeedsNoJaasConfigAndTheListenerScopedJaasWins() throws Exception {
        try (SaslMechanisms mechanisms = SaslMechanisms.create("SASL_SSL", Map.of(
                "sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN",
                "plain.sasl.jaas.config", new org.apache.kafka.common.config.types.Password(PLAIN_JAAS),
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required user_bob=\"b\";"),
                ScramCredentialStore.NONE)) {
            assertThat(mechanisms.enabled()).containsExactly("SCRAM-SHA-512", "PLAIN");
            var server = mechanisms.newServer("PLAIN");
            server.evaluateResponse("\0alice\0alice-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(server.isComplete()).isTrue();
            assertThat(server.getAuthorizationID()).isEqualTo("alice");
        }
    }

    @Test
    void inlinePemLosesItsLineBreaksAndIsStillRead() throws Exception {
        String pem = "-----BEGIN CERTIFICATE----- MIIB AAAA\\n BBBB -----END CERTIFICATE-----".replace("\\n", "\n");

        String normalized = new String(TlsContexts.stream(pem).readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(normalized).isEqualTo("-----BEGIN CERTIFICATE-----\nMIIBAAAABBBB\n-----END CERTIFICATE-----\n");
    }
}
