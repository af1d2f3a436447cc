package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProbeConnectionTest {

    @Test
    void readsTheProtocolAndTheScramLoginOfAClientConfig() throws Exception {
        // given
        Properties config = new Properties();
        config.setProperty("security.protocol", "SASL_SSL");
        config.setProperty("sasl.mechanism", "SCRAM-SHA-512");
        config.setProperty("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"bench\" password=\"bench-secret\";");

        // when
        ProbeConnection connection = ProbeConnection.fromClientConfig(config);

        // then
        assertThat(connection.protocol()).isEqualTo("SASL_SSL");
    }

    @Test
    void refusesMechanismsItCannotSpeak() {
        // given
        Properties config = new Properties();
        config.setProperty("security.protocol", "SASL_PLAINTEXT");
        config.setProperty("sasl.mechanism", "PLAIN");

        // then
        assertThatThrownBy(() -> ProbeConnection.fromClientConfig(config))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PLAIN");
    }
}
