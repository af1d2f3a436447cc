package io.tributary.it.kafkajs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.tributary.it.support.Groups;
import io.tributary.it.support.NodeScenarios;
import io.tributary.it.support.SaslBroker;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KafkaJS over SASL_PLAINTEXT with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 (its SaslHandshake v1 then SaslAuthenticate
 * v0), and over SASL_SSL: SCRAM users are made with the Java Admin's alterUserScramCredentials first, as an operator
 * would with kafka-configs. Skipped unless {@code npm ci} was run in {@code src/test/kafkajs}.
 */
class KafkajsSaslIT {

    private static final NodeScenarios SCENARIOS = new NodeScenarios("src/test/kafkajs", "node_modules/kafkajs");
    @RegisterExtension
    static final SaslBroker broker = SaslBroker.perClass();

    @BeforeAll
    static void clientsInstalled() {
        assumeThat(SCENARIOS.installed()).as(SCENARIOS.installHint()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
    void producesAndConsumesInAGroupOverSaslPlaintext(String mechanism) throws Exception {
        // given a user for the mechanism
        Map<String, String> login = user(mechanism, "kafkajs-group");
        String topic = TopicNames.unique("kafkajs-sasl");
        String group = Groups.uniqueGroupId("kafkajs-sasl");

        // when KafkaJS, logged in as that user, creates a topic, produces, and consumes in a group
        Map<String, String> seen = SCENARIOS.run(login, "group-leave", broker.saslPlaintextBootstrap(), topic,
                group);

        // then every step worked over the authenticated connections
        assertRoundTrip(seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
    void aWrongPasswordIsRefusedWithKafkajsAuthenticationError(String mechanism) throws Exception {
        // given a user who exists for the mechanism
        Map<String, String> login = user(mechanism, "kafkajs-wrong");
        Map<String, String> wrong = new HashMap<>(login);
        wrong.put("KAFKAJS_SASL_PASSWORD", "not-the-password");

        // when KafkaJS connects with a wrong password
        Map<String, String> refused = SCENARIOS.run(wrong, "connect", broker.saslPlaintextBootstrap());

        // then it is told in its own terms (an authentication error, not one it would retry)
        assertThat(refused.get("connect")).startsWith("KafkaJSSASLAuthenticationError");
        assertThat(refused).containsEntry("retriable", "false");
        // and the broker keeps serving the right password
        assertThat(SCENARIOS.run(login, "connect", broker.saslPlaintextBootstrap()))
                .containsEntry("connect", "ok");
    }

    @Test
    void producesAndConsumesInAGroupOverSaslSsl() throws Exception {
        // given a SCRAM-SHA-512 user, and KafkaJS trusting the test CA
        Map<String, String> login = new HashMap<>(user("SCRAM-SHA-512", "kafkajs-tls"));
        login.put("KAFKAJS_SSL_CA", broker.caPemFile().toString());
        String topic = TopicNames.unique("kafkajs-sasl-ssl");
        String group = Groups.uniqueGroupId("kafkajs-sasl-ssl");

        // when KafkaJS creates a topic, produces and consumes in a group over SASL_SSL
        Map<String, String> seen = SCENARIOS.run(login, "group-leave", broker.saslSslBootstrap(), topic, group);

        // then
        assertRoundTrip(seen);
    }

    /**
     * KafkaJS's login settings for a user of {@code mechanism}: the PLAIN user of the listener's JAAS config, or a new
     * SCRAM user made with the Admin API.
     */
    private static Map<String, String> user(String mechanism, String prefix) throws Exception {
        String kafkajsMechanism = mechanism.toLowerCase(Locale.ROOT);
        if (mechanism.equals("PLAIN")) {
            return login(kafkajsMechanism, SaslBroker.PLAIN_USER, SaslBroker.PLAIN_PASSWORD);
        }
        String user = TopicNames.unique(prefix + "-" + kafkajsMechanism);
        String password = user + "-secret";
        broker.createScramUser(ScramMechanism.fromMechanismName(mechanism), user, password);
        return login(kafkajsMechanism, user, password);
    }

    private static Map<String, String> login(String mechanism, String user, String password) {
        return Map.of("KAFKAJS_SASL_MECHANISM", mechanism, "KAFKAJS_SASL_USERNAME", user,
                "KAFKAJS_SASL_PASSWORD", password);
    }

    private static void assertRoundTrip(Map<String, String> seen) {
        assertThat(seen).containsEntry("created", "true")
                .containsEntry("read", "a,b,c")
                .containsEntry("groupState", "Empty")
                .containsEntry("committed", "3")
                .containsEntry("deleted", "ok");
    }
}
