package io.tributary.it.librdkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Groups;
import io.tributary.it.support.SaslBroker;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kcat, librdkafka's command-line client, against the broker: what librdkafka-based clients (confluent-kafka for
 * Python/Go/.NET, node-rdkafka) do on every start and stop. Skipped where kcat is not installed
 * ({@code apt-get install kcat}; {@code .ci/run} installs it).
 */
class KcatIT {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    /** Far longer than any wait below: a member that did not leave would still be there. */
    private static final String SESSION_TIMEOUT_MS = "60000";
    /** The first librdkafka whose SCRAM client-final message Kafka 4 accepts (see the SCRAM tests). */
    private static final Runtime.Version SCRAM_NONCE_FIXED = Runtime.Version.parse("2.6.1");

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();
    /** SASL listeners (PLAIN user alice, SCRAM users made by the tests) plus PLAINTEXT; started by the SASL tests. */
    @RegisterExtension
    static final SaslBroker saslBroker = SaslBroker.perClass();

    @BeforeAll
    static void kcatInstalled() {
        assumeThat(Kcat.available()).as("kcat on the PATH").isTrue();
    }

    @Test
    void balancedConsumerLeavesItsGroupWhenItExits() throws Exception {
        // given records produced by kcat
        String topic = TopicNames.unique("kcat-leave");
        broker.createTopic(topic, 1);
        Kcat.Result produced = Kcat.run(List.of("-P", "-t", topic), "one\ntwo\nthree\n", "-b", broker.bootstrapServers());
        assertThat(produced.exitCode()).as("kcat -P: %s", produced.err()).isZero();
        String group = Groups.uniqueGroupId("kcat");

        // when a balanced consumer (kcat -G) reads them to the end and exits
        Kcat.Result consumed = Kcat.run(List.of("-G", group, "-o", "beginning", "-e",
                        "-X", "session.timeout.ms=" + SESSION_TIMEOUT_MS, topic), "",
                "-b", broker.bootstrapServers());

        // then it read them, committed on close, and its LeaveGroup emptied the group at once
        assertThat(consumed.exitCode()).as("kcat -G: %s", consumed.err()).isZero();
        assertThat(consumed.out().lines().toList()).containsExactly("one", "two", "three");
        ConsumerGroupDescription description = Groups.describe(broker.clients().admin(), group);
        assertThat(description.members()).isEmpty();
        assertThat(description.groupState()).isEqualTo(GroupState.EMPTY);
        assertThat(Groups.list(broker.clients().admin(), new ListConsumerGroupsOptions()))
                .filteredOn(listing -> listing.groupId().equals(group))
                .singleElement().satisfies(listing -> assertThat(listing.groupState()).contains(GroupState.EMPTY));
        assertThat(Groups.committedPositions(broker.clients().admin(), group))
                .containsExactlyEntriesOf(Map.of(new TopicPartition(topic, 0), 3L));
        broker.clients().admin().deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
    }

    @Test
    void restartedConsumerRejoinsWithoutWaitingForTheOldSession() throws Exception {
        // given a group whose kcat consumer read the topic and exited
        String topic = TopicNames.unique("kcat-restart");
        broker.createTopic(topic, 1);
        Kcat.run(List.of("-P", "-t", topic), "a\nb\n", "-b", broker.bootstrapServers());
        String group = Groups.uniqueGroupId("kcat-restart");
        Kcat.run(List.of("-G", group, "-o", "beginning", "-e", "-X", "session.timeout.ms=" + SESSION_TIMEOUT_MS, topic),
                "", "-b", broker.bootstrapServers());
        Kcat.run(List.of("-P", "-t", topic), "c\n", "-b", broker.bootstrapServers());

        // when it starts again
        long started = System.nanoTime();
        Kcat.Result second = Kcat.run(List.of("-G", group, "-e", "-X", "session.timeout.ms=" + SESSION_TIMEOUT_MS,
                topic), "", "-b", broker.bootstrapServers());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then it resumes at the committed offset without waiting out the first one's session
        assertThat(second.out().lines().toList()).containsExactly("c");
        assertThat(took).isLessThan(Duration.ofMillis(Long.parseLong(SESSION_TIMEOUT_MS) / 2));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Groups.describe(broker.clients().admin(), group).members()).isEmpty());
    }

    @Test
    void producesAndConsumesOverSaslPlain() throws Exception {
        // given a SASL_PLAINTEXT listener with PLAIN users (librdkafka finds SaslHandshake v0 advertised, as it needs)
        String topic = TopicNames.unique("kcat-sasl");
        saslBroker.createTopic(topic, 1);

        // when kcat produces and then consumes as alice
        Kcat.Result produced = Kcat.run(List.of("-P", "-t", topic), "over-sasl\n",
                sasl("PLAIN", SaslBroker.PLAIN_USER, SaslBroker.PLAIN_PASSWORD));
        Kcat.Result consumed = Kcat.run(List.of("-C", "-t", topic, "-o", "beginning", "-c", "1", "-e"), "",
                sasl("PLAIN", SaslBroker.PLAIN_USER, SaslBroker.PLAIN_PASSWORD));

        // then both authenticated and the record made the trip
        assertThat(produced.exitCode()).as("kcat -P: %s", produced.err()).isZero();
        assertThat(consumed.exitCode()).as("kcat -C: %s", consumed.err()).isZero();
        assertThat(consumed.out().lines().toList()).containsExactly("over-sasl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-512"})
    void producesAndConsumesInAGroupOverSaslScram(String mechanism) throws Exception {
        assumeThat(Kcat.librdkafkaVersion()).as("kcat's librdkafka %s repeats the SCRAM nonce (fixed in 2.6.1)",
                Kcat.librdkafkaVersion()).isGreaterThanOrEqualTo(SCRAM_NONCE_FIXED);
        // given a SCRAM user made with the Admin API (as kafka-configs does), and a topic
        String user = TopicNames.unique("kcat-scram-user");
        saslBroker.createScramUser(ScramMechanism.fromMechanismName(mechanism), user, user + "-secret");
        String topic = TopicNames.unique("kcat-scram");
        saslBroker.createTopic(topic, 1);
        String group = Groups.uniqueGroupId("kcat-scram");

        // when kcat produces, then reads in a group (kcat -G), logged in as that user
        Kcat.Result produced = Kcat.run(List.of("-P", "-t", topic), "one\ntwo\n",
                sasl(mechanism, user, user + "-secret"));
        Kcat.Result consumed = Kcat.run(List.of("-G", group, "-o", "beginning", "-e", topic), "",
                sasl(mechanism, user, user + "-secret"));

        // then both authenticated, the records made the trip, and the group committed them
        assertThat(produced.exitCode()).as("kcat -P: %s", produced.err()).isZero();
        assertThat(consumed.exitCode()).as("kcat -G: %s", consumed.err()).isZero();
        assertThat(consumed.out().lines().toList()).containsExactly("one", "two");
        assertThat(Groups.committedPositions(saslBroker.setupClients().admin(), group))
                .containsExactlyEntriesOf(Map.of(new TopicPartition(topic, 0), 2L));
    }

    /**
     * librdkafka before 2.6.1 puts its own nonce in front of the combined one again in the SCRAM client-final message
     * (librdkafka#4895); Kafka 4 brokers refuse that since their SCRAM server (kafka-clients', which Tributary uses)
     * compares the nonce exactly, as RFC 5802 asks. Such a client is refused in the same way here, and the refusal
     * does not disturb the broker.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-512"})
    void scramFromALibrdkafkaBefore261IsRefusedAsKafka4RefusesIt(String mechanism) throws Exception {
        assumeThat(Kcat.librdkafkaVersion()).as("kcat's librdkafka %s has the SCRAM nonce fix",
                Kcat.librdkafkaVersion()).isLessThan(SCRAM_NONCE_FIXED);
        // given a SCRAM user made with the Admin API
        String user = TopicNames.unique("kcat-scram-old");
        saslBroker.createScramUser(ScramMechanism.fromMechanismName(mechanism), user, user + "-secret");

        // when kcat asks for metadata with the right password
        Kcat.Result listed = Kcat.run(List.of("-L", "-m", "5"), "", sasl(mechanism, user, user + "-secret"));

        // then it is refused with Kafka's error, and the broker still serves a PLAIN login
        assertThat(listed.exitCode()).as("kcat -L: %s", listed.out()).isNotZero();
        assertThat(listed.err()).contains("Authentication failed during authentication due to invalid credentials "
                + "with SASL mechanism " + mechanism);
        Kcat.Result plain = Kcat.run(List.of("-L", "-m", "5"), "",
                sasl("PLAIN", SaslBroker.PLAIN_USER, SaslBroker.PLAIN_PASSWORD));
        assertThat(plain.exitCode()).as("kcat -L: %s", plain.err()).isZero();
    }

    @Test
    void aWrongSaslPasswordFails() throws Exception {
        // when kcat asks for metadata with a wrong password
        Kcat.Result listed = Kcat.run(List.of("-L", "-m", "5"), "", sasl("PLAIN", SaslBroker.PLAIN_USER, "wrong"));

        // then it fails with librdkafka's authentication error
        assertThat(listed.exitCode()).as("kcat -L: %s", listed.out()).isNotZero();
        assertThat(listed.err()).contains("Authentication failed");
    }


    /** kcat's connection arguments for the SASL_PLAINTEXT listener as {@code user}. */
    private static String[] sasl(String mechanism, String user, String password) {
        return new String[] {"-b", saslBroker.saslPlaintextBootstrap(), "-X", "security.protocol=SASL_PLAINTEXT",
                "-X", "sasl.mechanisms=" + mechanism, "-X", "sasl.username=" + user, "-X", "sasl.password=" + password};
    }

    /** Runs the kcat binary with a bounded time, feeding stdin and collecting its output. */
    static final class Kcat {

        record Result(int exitCode, String out, String err) {
        }

        static boolean available() {
            try {
                Process process = new ProcessBuilder("kcat", "-V").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** The librdkafka version kcat was built with, from {@code kcat -V}. */
        static Runtime.Version librdkafkaVersion() throws Exception {
            Result version = run(List.of("-V"), "");
            Matcher matcher = Pattern.compile("librdkafka (\\d+\\.\\d+\\.\\d+)")
                    .matcher(version.out() + version.err());
            if (!matcher.find()) {
                throw new AssertionError("no librdkafka version in kcat -V: " + version.out());
            }
            return Runtime.Version.parse(matcher.group(1));
        }

        static Result run(List<String> args, String stdin, String... connection) throws Exception {
            List<String> command = new ArrayList<>(List.of("kcat"));
            command.addAll(List.of(connection));
            command.addAll(args);
            Process process = new ProcessBuilder(command).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            var out = process.getInputStream();
            var err = process.getErrorStream();
            var outText = CompletableFuture.supplyAsync(() -> readAll(out));
            var errText = CompletableFuture.supplyAsync(() -> readAll(err));
            if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kcat did not finish within " + RUN_TIMEOUT + ": " + command);
            }
            return new Result(process.exitValue(), outText.get(), errText.get());
        }

        private static String readAll(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
