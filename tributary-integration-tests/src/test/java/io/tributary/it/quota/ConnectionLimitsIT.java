package io.tributary.it.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.EmbeddedTributary;
import io.tributary.it.support.RawKafkaConnection;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;

/**
 * Kafka's connection limits: a connection beyond {@code max.connections.per.ip} is closed at once while the
 * address's other connections keep working; beyond {@code max.connections} a new connection waits unanswered
 * until another one closes; connection creation rates delay (listener) or close (ip quota) the connections over
 * them.
 */
class ConnectionLimitsIT {

    private static final short API_VERSIONS_VERSION = 3;

    @Test
    void theConnectionBeyondMaxConnectionsPerIpIsClosedAndTheOthersKeepWorking() throws Exception {
        try (EmbeddedTributary broker = EmbeddedTributary.builder()
                .config(Map.of("listeners", "PLAINTEXT://127.0.0.1:0", "max.connections.per.ip", "2"))
                .start();
             RawKafkaConnection first = RawKafkaConnection.open("127.0.0.1", broker.port());
             RawKafkaConnection second = RawKafkaConnection.open("127.0.0.1", broker.port())) {
            assertAnswers(first, 1);
            assertAnswers(second, 1);

            try (RawKafkaConnection third = RawKafkaConnection.open("127.0.0.1", broker.port())) {
                assertThat(third.closedByPeerWithin(Duration.ofSeconds(10))).as("the third connection").isTrue();
            }
            assertAnswers(first, 2);
            assertAnswers(second, 2);

            // once one closes, the address may connect again
            first.close();
            awaitAccepted(broker.port());
        }
    }

    @Test
    void aConnectionBeyondMaxConnectionsWaitsUntilAnotherCloses() throws Exception {
        // Clients on EXTERNAL; the inter-broker listener (the broker's own connections) is not held by the limit.
        try (EmbeddedTributary broker = EmbeddedTributary.builder()
                .config(Map.of("listeners", "EXTERNAL://127.0.0.1:0,PLAINTEXT://127.0.0.1:0",
                        "listener.security.protocol.map", "EXTERNAL:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                        "inter.broker.listener.name", "PLAINTEXT",
                        "max.connections", "1"))
                .start();
             RawKafkaConnection first = RawKafkaConnection.open("127.0.0.1", broker.port())) {
            assertAnswers(first, 1); // served before the second connects, so it holds the one slot
            try (RawKafkaConnection second = RawKafkaConnection.open("127.0.0.1", broker.port())) {
                RequestHeader header = RawKafkaConnection.header(ApiKeys.API_VERSIONS, API_VERSIONS_VERSION, 1);
                second.send(apiVersions(), header);
                assertThat(answeredWithin(second, header, Duration.ofSeconds(1))).as("while the broker is full")
                        .isFalse();

                first.close();
                assertThat(answeredWithin(second, header, Duration.ofSeconds(10))).as("once a slot is free").isTrue();
            }
        }
    }

    @Test
    void aPerIpLimitSetAtRunTimeRefusesNewConnectionsAndLeavesOpenOnesAlone() throws Exception {
        try (EmbeddedTributary broker = EmbeddedTributary.builder()
                .config(Map.of("listeners", "PLAINTEXT://127.0.0.1:0")).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
             RawKafkaConnection open = RawKafkaConnection.open("127.0.0.1", broker.port())) {
            assertAnswers(open, 1);

            // the admin's connection and the raw one are open: a limit of 2 leaves no room for a third
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.BROKER, ""), List.of(
                    new AlterConfigOp(new ConfigEntry("max.connections.per.ip", "2"), AlterConfigOp.OpType.SET))))
                    .all().get(15, TimeUnit.SECONDS);

            try (RawKafkaConnection refused = RawKafkaConnection.open("127.0.0.1", broker.port())) {
                assertThat(refused.closedByPeerWithin(Duration.ofSeconds(10))).as("a new connection").isTrue();
            }
            assertAnswers(open, 2);
        }
    }

    @Test
    void aConnectionOverItsAddressesConnectionCreationRateIsClosedAndTheOthersKeepWorking() throws Exception {
        try (EmbeddedTributary broker = EmbeddedTributary.builder()
                .config(Map.of("listeners", "PLAINTEXT://127.0.0.1:0", "quota.window.num", "2")).start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            ClientQuotaEntity local = new ClientQuotaEntity(Map.of(ClientQuotaEntity.IP, "127.0.0.1"));
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(local, List.of(
                    new ClientQuotaAlteration.Op("connection_creation_rate", 1.0))))).all().get(15, TimeUnit.SECONDS);

            try (RawKafkaConnection first = RawKafkaConnection.open("127.0.0.1", broker.port())) {
                assertAnswers(first, 1);
                try (RawKafkaConnection second = RawKafkaConnection.open("127.0.0.1", broker.port())) {
                    // one a second over a one-second window: the second at once is over, and closed
                    assertThat(second.closedByPeerWithin(Duration.ofSeconds(10))).as("the second connection").isTrue();
                }
                assertAnswers(first, 2);
            }
        }
    }

    @Test
    void connectionsBeyondMaxConnectionCreationRateAreDelayedNotRefused() throws Exception {
        try (EmbeddedTributary broker = EmbeddedTributary.builder()
                .config(Map.of("listeners", "EXTERNAL://127.0.0.1:0,PLAINTEXT://127.0.0.1:0",
                        "listener.security.protocol.map", "EXTERNAL:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                        "inter.broker.listener.name", "PLAINTEXT",
                        "quota.window.num", "2",
                        "max.connection.creation.rate", "1"))
                .start()) {
            // two connections at once, one a second allowed over a one-second window: one of them (whichever the
            // broker accepts second) waits ~1 s, and both are answered
            long start = System.nanoTime();
            try (RawKafkaConnection first = RawKafkaConnection.open("127.0.0.1", broker.port());
                 RawKafkaConnection second = RawKafkaConnection.open("127.0.0.1", broker.port())) {
                RequestHeader header = RawKafkaConnection.header(ApiKeys.API_VERSIONS, API_VERSIONS_VERSION, 1);
                first.send(apiVersions(), header);
                second.send(apiVersions(), header);
                assertThat(answeredWithin(first, header, Duration.ofSeconds(10))).as("first answered").isTrue();
                assertThat(answeredWithin(second, header, Duration.ofSeconds(10))).as("second answered").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the throttle")
                        .isGreaterThan(Duration.ofMillis(700));
            }
        }
    }

    /** Retries briefly: the broker counts a closed connection out once it sees the close. */
    private static void awaitAccepted(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (RawKafkaConnection again = RawKafkaConnection.open("127.0.0.1", port)) {
                assertAnswers(again, 1);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean answeredWithin(RawKafkaConnection connection, RequestHeader header, Duration timeout)
            throws IOException {
        connection.readTimeout(timeout);
        try {
            ApiVersionsResponse response = connection.receive(header);
            return response.data().errorCode() == Errors.NONE.code();
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static void assertAnswers(RawKafkaConnection connection, int correlationId) throws IOException {
        RequestHeader header = RawKafkaConnection.header(ApiKeys.API_VERSIONS, API_VERSIONS_VERSION, correlationId);
        ApiVersionsResponse response = connection.roundTrip(apiVersions(), header);
        assertThat(response.data().errorCode()).isEqualTo(Errors.NONE.code());
    }

    private static ApiVersionsRequest apiVersions() {
        return new ApiVersionsRequest(new ApiVersionsRequestData().setClientSoftwareName("test")
                .setClientSoftwareVersion("1"), API_VERSIONS_VERSION);
    }
}
