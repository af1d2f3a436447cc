package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void parsesNamedListenersWithAndWithoutHost() {
        // when
        List<Endpoint> endpoints = Endpoint.parseList("PLAINTEXT://localhost:9092, internal://:9093");

        // then
        assertThat(endpoints).containsExactly(
                new Endpoint("PLAINTEXT", "localhost", 9092),
                new Endpoint("INTERNAL", "", 9093));
        assertThat(endpoints.get(1).isWildcardHost()).isTrue();
    }

    @Test
    void parsesBracketedIpv6Hosts() {
        // when
        List<Endpoint> endpoints = Endpoint.parseList("PLAINTEXT://[::1]:9092");

        // then
        assertThat(endpoints).containsExactly(new Endpoint("PLAINTEXT", "::1", 9092));
    }

    @Test
    void aListenerNamedAfterAProtocolUsesItWithoutAMap() {
        // when
        List<Endpoint> endpoints = Endpoint.parseList("SSL://localhost:9093,SASL_PLAINTEXT://:9094,OTHER://:9095");

        // then
        assertThat(endpoints).extracting(Endpoint::securityProtocol).containsExactly(SecurityProtocol.SSL,
                SecurityProtocol.SASL_PLAINTEXT, SecurityProtocol.PLAINTEXT);
    }

    @Test
    void usesTheSecurityProtocolMapWhenGiven() {
        // when
        List<Endpoint> endpoints = Endpoint.parseList("CLIENT://:9092,REPLICATION://:9093,SSL://:9094",
                "CLIENT:SASL_SSL,REPLICATION:PLAINTEXT,SSL:SASL_PLAINTEXT");

        // then
        assertThat(endpoints).extracting(Endpoint::listenerName).containsExactly("CLIENT", "REPLICATION", "SSL");
        assertThat(endpoints).extracting(Endpoint::securityProtocol).containsExactly(SecurityProtocol.SASL_SSL,
                SecurityProtocol.PLAINTEXT, SecurityProtocol.SASL_PLAINTEXT);
        assertThatThrownBy(() -> Endpoint.parseList("CLIENT://:9092", "CLIENT:KERBEROS"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KERBEROS");
        assertThatThrownBy(() -> Endpoint.parseList("OTHER://:9092", "CLIENT:PLAINTEXT"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OTHER");
    }

    @Test
    void rejectsMalformedListeners() {
        // when / then
        assertThatThrownBy(() -> Endpoint.parseList("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.parseList("localhost:9092")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.parseList("PLAINTEXT://host:port"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.parseList("PLAINTEXT://host:70000"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.parseList("PLAINTEXT://:9092,PLAINTEXT://:9093"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate");
    }

    @Test
    void defaultsMatchKafkasBrokerDefaults() {
        // when
        NetworkConfig config = NetworkConfig.defaults(Endpoint.parseList("PLAINTEXT://:0"));

        // then
        assertThat(config.maxRequestBytes()).isEqualTo(104_857_600);
        assertThat(config.connectionsMaxIdleMs()).isEqualTo(600_000L);
        assertThat(config.ioThreads()).isZero();
        assertThat(config.socketSendBufferBytes()).isEqualTo(102_400);
        assertThat(config.socketReceiveBufferBytes()).isEqualTo(102_400);
    }
}
