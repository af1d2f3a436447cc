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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One broker for testing other clients over SASL: a SASL_PLAINTEXT listener (its first) and a SASL_SSL one (the
 * {@link TestCertificates} CA), both with PLAIN (user {@value #PLAIN_USER} in the listener's JAAS config),
 * SCRAM-SHA-256 and SCRAM-SHA-512 (users made through the Admin API, as kafka-configs does), plus a PLAINTEXT
 * listener for the test's own setup with the Java clients.
 *
 * <p>One per test class, started at its first use (so a class whose clients are not installed starts none) and
 * stopped after the class:
 * <pre>
 * &#64;RegisterExtension
 * static final SaslBroker broker = SaslBroker.perClass();
 * </pre>
 */
public final class SaslBroker implements AfterAllCallback {

    public static final String PLAIN_USER = "alice";
    public static final String PLAIN_PASSWORD = "alice-secret";
    private static final String PLAIN_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required user_"
            + PLAIN_USER + "=\"" + PLAIN_PASSWORD + "\";";

    private Running running;

    private SaslBroker() {
    }

    public static SaslBroker perClass() {
        return new SaslBroker();
    }

    /** The broker while it runs, and the clients for the test's own setup. */
    private record Running(EmbeddedTributary broker, TestCertificates certificates, int saslSslPort,
                           TestClients setupClients) {
    }

    private synchronized Running running() {
        if (running == null) {
            running = start();
        }
        return running;
    }

    private static Running start() {
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
            return new Running(broker, certificates, saslSslPort, new TestClients("localhost:" + plaintextPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** host:port of the SASL_PLAINTEXT listener. */
    public String saslPlaintextBootstrap() {
        return "localhost:" + running().broker().port();
    }

    /** host:port of the SASL_SSL listener. */
    public String saslSslBootstrap() {
        return "localhost:" + running().saslSslPort();
    }

    public TestCertificates certificates() {
        return running().certificates();
    }

    /** The test CA as a PEM file, for clients that take no PKCS12 trust store. */
    public Path caPemFile() throws IOException {
        Path file = certificates().truststore().resolveSibling("ca.pem");
        if (!Files.exists(file)) {
            Files.writeString(file, certificates().caPem());
        }
        return file;
    }

    /** Java clients on the PLAINTEXT listener, for setup and checks. */
    public TestClients setupClients() {
        return running().setupClients();
    }

    public void createTopic(String topic, int partitions) throws Exception {
        setupClients().admin().createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all().get(30, TimeUnit.SECONDS);
    }

    /**
     * Creates (or replaces) a SCRAM credential with the Admin API and waits until the broker's metadata image has
     * it: a login before then would fail.
     */
    public void createScramUser(ScramMechanism mechanism, String user, String password) throws Exception {
        Admin admin = setupClients().admin();
        ScramCredentialInfo info = new ScramCredentialInfo(mechanism, 4096);
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user, info, password)))
                .all().get(30, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() ->
                admin.describeUserScramCredentials(List.of(user)).description(user).get().credentialInfos()
                        .contains(info));
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (running != null) {
            running.setupClients().close();
            running.broker().close();
            running = null;
        }
    }

}
