package io.tributary.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.EmbeddedTributary;
import io.tributary.it.console.ConsoleApi.Response;
import io.tributary.it.support.TestCertificates;
import io.tributary.it.support.TestPorts;
import java.nio.file.Files;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.Test;

/**
 * The console's login on a SASL_SSL listener, the first SASL listener and so the one the console picks. The listener
 * has a key store and no trust store, as a server that asks for no client certificate usually has: the console's
 * own clients must still trust the broker's certificate.
 */
class ConsoleSecuritySaslSslIT {

    @Test
    void logsInOverSaslSslWhenTheListenerHasOnlyAKeyStore() throws Exception {
        // given
        TestCertificates certificates = TestCertificates.create(Files.createTempDirectory("console-sasl-ssl"));
        String prefix = "listener.name.sasl_ssl.";
        try (EmbeddedTributary broker = EmbeddedTributary.builder()
                .config("listeners", "SASL_SSL://localhost:0,PLAINTEXT://localhost:" + TestPorts.free())
                .config("inter.broker.listener.name", "PLAINTEXT")
                .config("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .config("tributary.bootstrap.scram.credentials", "SCRAM-SHA-512=[name=admin,password=admin-secret]")
                .config(prefix + SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12")
                .config(prefix + SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, certificates.brokerKeystore().toString())
                .config(prefix + SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, TestCertificates.PASSWORD)
                .start()) {
            ConsoleApi browser = ConsoleApi.of(broker.httpPort());

            // when
            Response wrong = browser.login("admin", "wrong");
            Response right = browser.login("admin", "admin-secret");

            // then
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(right.status()).as(right.body().toString()).isEqualTo(200);
            assertThat(right.body().path("principal").asText()).isEqualTo("User:admin");
            assertThat(browser.get("/groups").status()).isEqualTo(200);
        }
    }
}
