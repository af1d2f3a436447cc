package io.tributary.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.embedded.EmbeddedTributary;
import io.tributary.it.support.Consuming;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TestCertificates;
import io.tributary.it.support.TestClients;
import io.tributary.it.support.TopicNames;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SSL listeners with Kafka's ssl.* settings, driven by the official clients: PKCS12 stores, inline PEM with required
 * client certificates, consumers fetching megabytes of log (records read from segment files and encrypted, since
 * sendfile cannot be used under TLS), and a client that never finishes its handshake.
 */
class TlsIT {

    private static Path dir;
    private static TestCertificates certificates;
    private static EmbeddedTributary pkcs12Broker;
    private static EmbeddedTributary pemMutualBroker;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("tributary-tls");
        certificates = TestCertificates.create(dir);
        pkcs12Broker = EmbeddedTributary.builder()
                .config("listeners", "SSL://localhost:0")
                .config(certificates.brokerSsl("listener.name.ssl."))
                .start();
        pemMutualBroker = EmbeddedTributary.builder()
                .config("listeners", "SECURE://localhost:0")
                .config("listener.security.protocol.map", "SECURE:SSL")
                .config("ssl.keystore.type", "PEM")
                .config("ssl.keystore.certificate.chain", certificates.brokerChainPem())
                .config("ssl.keystore.key", certificates.brokerKeyPem())
                .config("ssl.truststore.type", "PEM")
                .config("ssl.truststore.certificates", certificates.caPem())
                .config("listener.name.secure.ssl.client.auth", "required")
                .start();
    }

    @AfterAll
    static void stop() {
        for (EmbeddedTributary broker : new EmbeddedTributary[] {pkcs12Broker, pemMutualBroker}) {
            if (broker != null) {
                broker.close();
            }
        }
    }

    @Test
    void producesAndConsumesMegabytesOverTls() throws Exception {
        // given
        String topic = TopicNames.unique("tls");
        Map<String, Object> ssl = certificates.clientSsl("SSL", false);
        try (TestClients clients = new TestClients(pkcs12Broker.bootstrapServers())) {
            clients.newAdmin(ssl).createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            String payload = "x".repeat(1000);
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                records.add(new ProducerRecord<>(topic, 0, "k" + i, i + ":" + payload));
            }

            // when
            Producing.sendAll(clients.producer(ssl), records);

            // then: every byte comes back, in order, from the segment file through the TLS connection
            var read = Consuming.readFromBeginning(clients.consumer(ssl), Consuming.partitions(topic, 1), 3000);
            assertThat(read).hasSize(3000);
            for (int i = 0; i < read.size(); i++) {
                assertThat(read.get(i).value()).isEqualTo(i + ":" + payload);
            }
        }
    }

    @Test
    void inlinePemStoresWithRequiredClientCertificates() throws Exception {
        try (TestClients clients = new TestClients(pemMutualBroker.bootstrapServers())) {
            // a client with its certificate is served
            Admin withCertificate = clients.newAdmin(certificates.clientSsl("SSL", true));
            assertThat(withCertificate.describeCluster().nodes().get()).hasSize(1);

            // one without is refused during the handshake
            Admin without = clients.newAdmin(certificates.clientSsl("SSL", false));
            assertThatThrownBy(() -> without.describeCluster().nodes().get())
                    .hasCauseInstanceOf(SslAuthenticationException.class);
        }
    }

    @Test
    void aRenewedKeystoreSetWithTheAdminApiServesNewConnectionsWithoutARestart() throws Exception {
        // given
        assertThat(servedCertificateSerial(pkcs12Broker.port())).isEqualTo(certificates.brokerSerial());
        Map.Entry<Path, BigInteger> renewed = certificates.renewedBrokerKeystore("broker-renewed.p12");

        // when: as kafka-configs --entity-type brokers --entity-name 1 --alter --add-config listener.name.ssl....
        try (TestClients clients = new TestClients(pkcs12Broker.bootstrapServers())) {
            clients.newAdmin(certificates.clientSsl("SSL", false)).incrementalAlterConfigs(Map.of(
                    new ConfigResource(ConfigResource.Type.BROKER, "1"), List.of(new AlterConfigOp(
                            new ConfigEntry("listener.name.ssl.ssl.keystore.location", renewed.getKey().toString()),
                            AlterConfigOp.OpType.SET)))).all().get();
        }

        // then
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(servedCertificateSerial(pkcs12Broker.port())).isEqualTo(renewed.getValue()));
    }

    private static BigInteger servedCertificateSerial(int port) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.truststore())) {
            trust.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    @Test
    void aClientThatStallsItsHandshakeIsDisconnected() throws Exception {
        long started = System.nanoTime();
        try (Socket socket = new Socket("localhost", pkcs12Broker.port())) {
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            // sends no ClientHello: the broker gives up after its handshake timeout and closes
            assertThat(in.read()).isEqualTo(-1);
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(waited).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(25));
    }
}
