package io.tributary.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tributary.embedded.EmbeddedTributary;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.awaitility.Awaitility;

/**
 * One broker for testing other clients over SASL: a SASL_PLAINTEXT listener (its first) and a SASL_SSL one (the
 * {@link TestCertificates} CA), both with PLAIN (user {@value #PLAIN_USER} in the listener's JAAS config),
 * SCRAM-SHA-256 and SCRAM-SHA-512 (users made through the Admin API, as kafka-configs does), plus a PLAINTEXT
 * listener for the test's own setup with the Java clients.
 */
public final class SaslBroker implements AutoCloseable {

    public static final String PLAIN_USER = "alice";
    public static final String PLAIN_PASSWORD = "alice-secret";
    private static final String PLAIN_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required user_"
            + PLAIN_USER + "=\"" + PLAIN_PASSWORD + "\";";

    private final EmbeddedTributary broker;
    private final TestCertificates certificates;
    private final int saslSslPort;
    private final TestClients setupClients;

    private SaslBroker(EmbeddedTributary broker, TestCertificates certificates, int saslSslPort, int plaintextPort) {
        this.broker = broker;
        this.certificates = certificates;
        this.saslSslPort = saslSslPort;
        this.setupClients = new TestClients("localhost:" + plaintextPort);
    }

    public static SaslBroker start() {
        try {
            Path dir = Files.createTempDirectory("tributary-sasl-clients");
            TestCertificates certificates = TestCertificates.create(dir);
            int saslSslPort = TestPorts.free();
            int plaintextPort = TestPorts.free();
            EmbeddedTributary broker = EmbeddedTributary.builder()
                    .config("listeners", "SASL_PLAINTEXT://localhost:0,SASL_SSL://localhost:" + saslSslPort
                            + ",PLAINTEXT://localhost:" + plaintextPort)
                    .config("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512")
                    .config("listener.name.sasl_plaintext.plain.sasl.jaas.config", PLAIN_JAAS)
                    .config("listener.name.sasl_ssl.plain.sasl.jaas.config", PLAIN_JAAS)
                    .config(certificates.brokerSsl("listener.name.sasl_ssl."))
                    .start();
            return new SaslBroker(broker, certificates, saslSslPort, plaintextPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** host:port of the SASL_PLAINTEXT listener. */
    public String saslPlaintextBootstrap() {
        return "localhost:" + broker.port();
    }

    /** host:port of the SASL_SSL listener. */
    public String saslSslBootstrap() {
        return "localhost:" + saslSslPort;
    }

    public TestCertificates certificates() {
        return certificates;
    }

    /** The test CA as a PEM file, for clients that take no PKCS12 trust store. */
    public Path caPemFile() throws IOException {
        Path file = certificates.truststore().resolveSibling("ca.pem");
        if (!Files.exists(file)) {
            Files.writeString(file, certificates.caPem());
        }
        return file;
    }

    /** Java clients on the PLAINTEXT listener, for setup and checks. */
    public TestClients setupClients() {
        return setupClients;
    }

    public void createTopic(String topic, int partitions) throws Exception {
        setupClients.admin().createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all().get(30, TimeUnit.SECONDS);
    }

    /**
     * Creates (or replaces) a SCRAM credential with the Admin API and waits until the broker's metadata image has
     * it: a login before then would fail.
     */
    public void createScramUser(ScramMechanism mechanism, String user, String password) throws Exception {
        Admin admin = setupClients.admin();
        ScramCredentialInfo info = new ScramCredentialInfo(mechanism, 4096);
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user, info, password)))
                .all().get(30, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() ->
                admin.describeUserScramCredentials(List.of(user)).description(user).get().credentialInfos()
                        .contains(info));
    }

    @Override
    public void close() {
        setupClients.close();
        broker.close();
    }

}
