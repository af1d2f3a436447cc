package io.tributary.it.librdkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.tributary.it.support.Groups;
import io.tributary.it.support.NodeScenarios;
import io.tributary.it.support.SaslBroker;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A current librdkafka (2.15, bundled in Confluent's JavaScript client and built from source by that directory's
 * {@code install.sh}) over SASL_PLAINTEXT with SCRAM users made through the Admin API: it produces and reads in a
 * group. Debian's kcat ({@link KcatIT}) has librdkafka 2.0, whose SCRAM Kafka 4 refuses. The scenarios are in
 * {@code src/test/librdkafka-js/scenarios.js}; skipped unless it was installed ({@code .ci/run} does it).
 */
class LibrdkafkaJsIT {

    private static final NodeScenarios SCENARIOS = new NodeScenarios("src/test/librdkafka-js",
            "node_modules/@confluentinc/kafka-javascript/build/Release/confluent-kafka-javascript.node");
    @RegisterExtension
    static final SaslBroker broker = SaslBroker.perClass();

    @BeforeAll
    static void clientsInstalled() {
        assumeThat(SCENARIOS.installed()).as(SCENARIOS.installHint()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-512"})
    void producesAndConsumesInAGroupOverSaslScram(String mechanism) throws Exception {
        // given a SCRAM user made with the Admin API, and a topic
        String user = TopicNames.unique("rdkafka-scram-user");
        String password = user + "-secret";
        broker.createScramUser(ScramMechanism.fromMechanismName(mechanism), user, password);
        String topic = TopicNames.unique("rdkafka-scram");
        broker.createTopic(topic, 1);
        String group = Groups.uniqueGroupId("rdkafka-scram");

        // when librdkafka, logged in as that user, produces three records and reads them in a group
        Map<String, String> seen = SCENARIOS.run(login(mechanism, user, password), "round-trip",
                broker.saslPlaintextBootstrap(), topic, group);

        // then it authenticated for both, read what it wrote, and committed it when it closed
        assertThat(seen.get("librdkafka")).as("librdkafka version").startsWith("2.");
        assertThat(seen).containsEntry("produced", "3").containsEntry("read", "a,b,c");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Groups.committedPositions(broker.setupClients().admin(), group))
                        .containsExactlyEntriesOf(Map.of(new TopicPartition(topic, 0), 3L)));
    }

    @Test
    void aWrongScramPasswordIsRefused() throws Exception {
        // given a SCRAM-SHA-512 user
        String user = TopicNames.unique("rdkafka-scram-wrong");
        broker.createScramUser(ScramMechanism.SCRAM_SHA_512, user, "right-secret");

        // when librdkafka connects with a wrong password, then with the right one
        Map<String, String> refused = SCENARIOS.run(login("SCRAM-SHA-512", user, "wrong-secret"), "connect",
                broker.saslPlaintextBootstrap());
        Map<String, String> accepted = SCENARIOS.run(login("SCRAM-SHA-512", user, "right-secret"), "connect",
                broker.saslPlaintextBootstrap());

        // then the first fails, librdkafka reporting the authentication failure with Kafka's message
        assertThat(refused.get("connect")).isNotEqualTo("ok");
        assertThat(refused.get("errors")).contains("SASL authentication error: Authentication failed during "
                + "authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512");
        // and the broker keeps serving the right password
        assertThat(accepted).containsEntry("connect", "ok").containsEntry("errors", "");
    }

    private static Map<String, String> login(String mechanism, String user, String password) {
        return Map.of("RDKAFKA_SECURITY_PROTOCOL", "sasl_plaintext", "RDKAFKA_SASL_MECHANISM", mechanism,
                "RDKAFKA_SASL_USERNAME", user, "RDKAFKA_SASL_PASSWORD", password);
    }
}
