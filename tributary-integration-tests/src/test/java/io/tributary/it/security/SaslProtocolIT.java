package io.tributary.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.embedded.EmbeddedTributary;
import io.tributary.it.support.RawKafkaConnection;
import io.tributary.it.support.TestPorts;
import java.io.EOFException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.requests.SaslHandshakeResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SASL exchange on the wire, request by request, on a SASL_PLAINTEXT listener next to a PLAINTEXT one. */
class SaslProtocolIT {

    private static EmbeddedTributary broker;
    private static int saslPort;
    private static int plainPort;

    @BeforeAll
    static void start() throws Exception {
        plainPort = TestPorts.free();
        broker = EmbeddedTributary.builder()
                .config("listeners", "SASL_PLAINTEXT://localhost:0,PLAINTEXT://localhost:" + plainPort)
                .config("sasl.enabled.mechanisms", "PLAIN")
                .config("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required user_alice=\"alice-secret\";")
                .start();
        saslPort = broker.port(); // the first listener's
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void advertisesTheSaslApis() throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", saslPort)) {
            ApiVersionsResponse response = connection.roundTrip(new ApiVersionsRequest.Builder().build((short) 3),
                    RawKafkaConnection.header(ApiKeys.API_VERSIONS, (short) 3, 1));

            ApiVersion handshake = response.data().apiKeys().find(ApiKeys.SASL_HANDSHAKE.id);
            ApiVersion authenticate = response.data().apiKeys().find(ApiKeys.SASL_AUTHENTICATE.id);
            assertThat(handshake.minVersion()).isEqualTo((short) 0); // librdkafka requires v0 to be listed
            assertThat(handshake.maxVersion()).isEqualTo((short) 1);
            assertThat(authenticate.maxVersion()).isEqualTo((short) 2);
        }
    }

    @Test
    void anyOtherRequestBeforeAuthenticationClosesTheConnection() throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", saslPort)) {
            connection.send(new MetadataRequest(new MetadataRequestData().setTopics(null), (short) 12),
                    RawKafkaConnection.header(ApiKeys.METADATA, (short) 12, 1));

            assertThat(connection.closedByPeerWithin(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void beforeAuthenticationFramesAreBoundedBySaslServerMaxReceiveSize() throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", saslPort)) {
            // a size prefix above sasl.server.max.receive.size (512 KiB), far below socket.request.max.bytes
            connection.writeRaw(java.nio.ByteBuffer.allocate(4).putInt(1_000_000).array());

            assertThat(connection.closedByPeerWithin(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void authenticateBeforeHandshakeIsAnIllegalStateAndCloses() throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", saslPort)) {
            SaslAuthenticateResponse response = connection.roundTrip(authenticate("\0alice\0alice-secret"),
                    RawKafkaConnection.header(ApiKeys.SASL_AUTHENTICATE, (short) 2, 1));

            assertThat(response.error()).isEqualTo(Errors.ILLEGAL_SASL_STATE);
            assertThat(connection.closedByPeerWithin(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void handshakeThenPlainTokenAuthenticatesAndOpensTheOtherApis() throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", saslPort)) {
            SaslHandshakeResponse handshake = connection.roundTrip(new SaslHandshakeRequest.Builder(
                    new SaslHandshakeRequestData().setMechanism("PLAIN")).build((short) 1),
                    RawKafkaConnection.header(ApiKeys.SASL_HANDSHAKE, (short) 1, 1));
            assertThat(handshake.error()).isEqualTo(Errors.NONE);
            assertThat(handshake.data().mechanisms()).containsExactly("PLAIN");

            SaslAuthenticateResponse authenticated = connection.roundTrip(authenticate("\0alice\0alice-secret"),
                    RawKafkaConnection.header(ApiKeys.SASL_AUTHENTICATE, (short) 2, 2));
            assertThat(authenticated.error()).isEqualTo(Errors.NONE);
            assertThat(authenticated.data().sessionLifetimeMs()).isZero(); // connections.max.reauth.ms=0

            var metadata = connection.roundTrip(new MetadataRequest(new MetadataRequestData().setTopics(null),
                    (short) 12), RawKafkaConnection.header(ApiKeys.METADATA, (short) 12, 3));
            assertThat(metadata).isNotNull();
        }
    }

    @Test
    void aBadPasswordIsAnsweredThenTheConnectionCloses() throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", saslPort)) {
            connection.roundTrip(new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("PLAIN"))
                    .build((short) 1), RawKafkaConnection.header(ApiKeys.SASL_HANDSHAKE, (short) 1, 1));

            SaslAuthenticateResponse response = connection.roundTrip(authenticate("\0alice\0wrong"),
                    RawKafkaConnection.header(ApiKeys.SASL_AUTHENTICATE, (short) 2, 2));

            assertThat(response.error()).isEqualTo(Errors.SASL_AUTHENTICATION_FAILED);
            assertThat(response.errorMessage()).contains("Invalid username or password");
            assertThat(connection.closedByPeerWithin(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void handshakeV0ThenARawPlainTokenAuthenticatesAndOpensTheOtherApis() throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", saslPort)) {
            connection.readTimeout(Duration.ofSeconds(10));
            SaslHandshakeResponse handshake = connection.roundTrip(handshakeV0("PLAIN"),
                    RawKafkaConnection.header(ApiKeys.SASL_HANDSHAKE, (short) 0, 1));
            assertThat(handshake.error()).isEqualTo(Errors.NONE);
            assertThat(handshake.data().mechanisms()).containsExactly("PLAIN");

            // the token goes bare (size, then bytes: no request header) and PLAIN's empty challenge comes back bare
            connection.writeRaw(RawKafkaConnection.frameOf(bytes("\0alice\0alice-secret")));
            assertThat(connection.receiveFrame().remaining()).isZero();

            MetadataResponse metadata = connection.roundTrip(new MetadataRequest(new MetadataRequestData().setTopics(null),
                    (short) 12), RawKafkaConnection.header(ApiKeys.METADATA, (short) 12, 2));
            assertThat(metadata.data().brokers()).isNotEmpty();
        }
    }

    @Test
    void handshakeV0AndItsTokenMayBePipelinedBehindApiVersions() throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", saslPort)) {
            connection.readTimeout(Duration.ofSeconds(10));
            var versionsHeader = RawKafkaConnection.header(ApiKeys.API_VERSIONS, (short) 3, 1);
            var handshakeHeader = RawKafkaConnection.header(ApiKeys.SASL_HANDSHAKE, (short) 0, 2);
            var metadataHeader = RawKafkaConnection.header(ApiKeys.METADATA, (short) 12, 3);
            java.io.ByteArrayOutputStream pipelined = new java.io.ByteArrayOutputStream();
            pipelined.write(RawKafkaConnection.frameOf(new ApiVersionsRequest.Builder().build((short) 3), versionsHeader));
            pipelined.write(RawKafkaConnection.frameOf(handshakeV0("PLAIN"), handshakeHeader));
            pipelined.write(RawKafkaConnection.frameOf(bytes("\0alice\0alice-secret")));
            pipelined.write(RawKafkaConnection.frameOf(new MetadataRequest(new MetadataRequestData().setTopics(null),
                    (short) 12), metadataHeader));
            connection.writeRaw(pipelined.toByteArray());

            ApiVersionsResponse versions = connection.receive(versionsHeader);
            assertThat(versions.data().errorCode()).isEqualTo(Errors.NONE.code());
            SaslHandshakeResponse handshake = connection.receive(handshakeHeader);
            assertThat(handshake.error()).isEqualTo(Errors.NONE);
            assertThat(connection.receiveFrame().remaining()).isZero();
            MetadataResponse metadata = connection.receive(metadataHeader);
            assertThat(metadata.data().brokers()).isNotEmpty();
        }
    }

    @Test
    void aBadPasswordAfterHandshakeV0ClosesTheConnectionWithoutAnAnswer() throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", saslPort)) {
            connection.readTimeout(Duration.ofSeconds(10));
            SaslHandshakeResponse handshake = connection.roundTrip(handshakeV0("PLAIN"),
                    RawKafkaConnection.header(ApiKeys.SASL_HANDSHAKE, (short) 0, 1));
            assertThat(handshake.error()).isEqualTo(Errors.NONE);

            connection.writeRaw(RawKafkaConnection.frameOf(bytes("\0alice\0wrong")));

            // as Kafka: no bytes at all (a raw exchange has no error response), just the close
            assertThatThrownBy(connection::receiveFrame).isInstanceOfAny(EOFException.class, SocketException.class);
        }
    }

    @Test
    void handshakeV0OnAnAuthenticatedConnectionIsAnIllegalState() throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", saslPort)) {
            connection.readTimeout(Duration.ofSeconds(10));
            connection.roundTrip(handshakeV0("PLAIN"), RawKafkaConnection.header(ApiKeys.SASL_HANDSHAKE, (short) 0, 1));
            connection.writeRaw(RawKafkaConnection.frameOf(bytes("\0alice\0alice-secret")));
            assertThat(connection.receiveFrame().remaining()).isZero();

            // re-authentication (KIP-368) needs SaslAuthenticate, so a v1 handshake
            SaslHandshakeResponse again = connection.roundTrip(handshakeV0("PLAIN"),
                    RawKafkaConnection.header(ApiKeys.SASL_HANDSHAKE, (short) 0, 2));
            assertThat(again.error()).isEqualTo(Errors.ILLEGAL_SASL_STATE);
            assertThat(connection.closedByPeerWithin(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void saslRequestsOnAPlaintextListenerAreIllegalStateAsInKafka() throws Exception {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", plainPort)) {
            SaslHandshakeResponse handshake = connection.roundTrip(new SaslHandshakeRequest.Builder(
                    new SaslHandshakeRequestData().setMechanism("PLAIN")).build((short) 1),
                    RawKafkaConnection.header(ApiKeys.SASL_HANDSHAKE, (short) 1, 1));

            assertThat(handshake.error()).isEqualTo(Errors.ILLEGAL_SASL_STATE);
        }
    }

    private static SaslHandshakeRequest handshakeV0(String mechanism) {
        return new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism(mechanism)).build((short) 0);
    }

    private static byte[] bytes(String token) {
        return token.getBytes(StandardCharsets.UTF_8);
    }

    private static SaslAuthenticateRequest authenticate(String token) {
        return new SaslAuthenticateRequest.Builder(new SaslAuthenticateRequestData()
                .setAuthBytes(token.getBytes(StandardCharsets.UTF_8))).build((short) 2);
    }

}
