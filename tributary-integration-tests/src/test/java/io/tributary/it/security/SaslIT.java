package io.tributary.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.embedded.EmbeddedTributary;
import io.tributary.it.support.Consuming;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TestClients;
import io.tributary.it.support.TopicNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import io.tributary.it.tools.KafkaToolRunner;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import kafka.admin.ConfigCommand;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SASL_PLAINTEXT with PLAIN (users in the listener's JAAS config) and SCRAM-SHA-256 (users in the metadata log, the
 * first one from tributary.bootstrap.scram.credentials), driven by the official clients. Sessions expire after
 * connections.max.reauth.ms, so every client here also re-authenticates (KIP-368) while it works.
 */
class SaslIT {

    private static final long REAUTH_MS = 2_000;
    private static final String OAUTH_MODULE = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";
    private static EmbeddedTributary broker;
    private static TestClients clients;

    @BeforeAll
    static void start() {
        broker = EmbeddedTributary.builder()
                .config("listeners", "SASL_PLAINTEXT://localhost:0")
                .config("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,OAUTHBEARER")
                .config("listener.name.sasl_plaintext.oauthbearer.sasl.jaas.config", OAUTH_MODULE
                        + " required unsecuredValidatorRequiredScope=\"kafka\";")
                .config("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" "
                                + "password=\"admin-secret\" user_admin=\"admin-secret\" user_alice=\"alice-secret\";")
                .config("sasl.mechanism.inter.broker.protocol", "PLAIN")
                .config("tributary.bootstrap.scram.credentials", "SCRAM-SHA-256=[name=root,password=root-secret]")
                .config("connections.max.reauth.ms", REAUTH_MS)
                .start();
        clients = new TestClients(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) {
            clients.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static Map<String, Object> sasl(String mechanism, String user, String password) {
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, mechanism);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + user + "\" password=\""
                + password + "\";");
        return config;
    }

    @Test
    void plainUsersProduceAndConsume() throws Exception {
        // given
        String topic = TopicNames.unique("sasl-plain");
        Map<String, Object> alice = sasl("PLAIN", "alice", "alice-secret");
        clients.newAdmin(alice).createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();

        // when
        Producing.sendAll(clients.producer(alice), Producing.numbered(topic, 0, "p", 50));

        // then
        var records = Consuming.readFromBeginning(clients.consumer(alice), Consuming.partitions(topic, 1), 50);
        assertThat(Consuming.values(records)).containsExactlyElementsOf(Producing.numberedValues("p", 0, 50));
    }

    @Test
    void wrongPasswordFailsWithKafkasErrorAndLeavesOtherConnectionsAlone() throws Exception {
        // given
        String topic = TopicNames.unique("sasl-wrong");
        var good = clients.producer(sasl("PLAIN", "admin", "admin-secret"));
        Producing.sendAll(good, Producing.numbered(topic, 0, "before", 5));

        // when
        Admin intruder = clients.newAdmin(sasl("PLAIN", "admin", "not-the-password"));

        // then
        assertThatThrownBy(() -> intruder.describeCluster().clusterId().get())
                .hasCauseInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("Invalid username or password");
        intruder.close(Duration.ZERO); // it would keep retrying
        assertThat(Producing.sendAll(good, Producing.numbered(topic, 0, "after", 5))).hasSize(5);
    }

    @Test
    void aMechanismTheListenerDoesNotEnableIsRefused() {
        Admin admin = clients.newAdmin(sasl("SCRAM-SHA-512", "root", "root-secret"));

        assertThatThrownBy(() -> admin.describeCluster().clusterId().get())
                .hasCauseInstanceOf(UnsupportedSaslMechanismException.class);
        admin.close(Duration.ZERO);
    }

    @Test
    void scramUsersAreCreatedUsedAndDeletedThroughTheAdminApi() throws Exception {
        // given: the bootstrap user manages the others, as kafka-configs --entity-type users would
        Admin root = clients.newAdmin(sasl("SCRAM-SHA-256", "root", "root-secret"));
        String user = "bob-" + TopicNames.unique("u");
        ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192);

        // when
        root.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user, info, "bob-secret")))
                .all().get();

        // then (brokers see a change once their metadata image has it: moments after the controller commits)
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            Map<String, UserScramCredentialsDescription> described =
                    root.describeUserScramCredentials(List.of(user)).all().get();
            assertThat(described.get(user).credentialInfos()).containsExactly(info);
        });
        assertThat(root.describeUserScramCredentials().users().get()).contains("root", user);
        String topic = TopicNames.unique("scram");
        var producer = clients.producer(sasl("SCRAM-SHA-256", user, "bob-secret"));
        assertThat(Producing.sendAll(producer, Producing.numbered(topic, 0, "s", 10))).hasSize(10);

        // and when deleted, a new login fails
        root.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(user, ScramMechanism.SCRAM_SHA_256)))
                .all().get();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> root.describeUserScramCredentials(List.of(user)).description(user).get())
                        .hasCauseInstanceOf(ResourceNotFoundException.class));
        Admin gone = clients.newAdmin(sasl("SCRAM-SHA-256", user, "bob-secret"));
        assertThatThrownBy(() -> gone.describeCluster().clusterId().get())
                .hasCauseInstanceOf(SaslAuthenticationException.class);
        gone.close(Duration.ZERO);
    }

    @Test
    void unsecuredOauthBearerTokensAreValidatedForTheRequiredScope() throws Exception {
        // given: development tokens (unsigned JWS) made by the client's default login handler
        Map<String, Object> withScope = oauth("carol", " unsecuredLoginListClaim_scope=\"|kafka|other\"");
        Map<String, Object> withoutScope = oauth("dave", "");
        String topic = TopicNames.unique("oauth");

        // when / then
        assertThat(Producing.sendAll(clients.producer(withScope), Producing.numbered(topic, 0, "o", 3))).hasSize(3);
        Admin unscoped = clients.newAdmin(withoutScope);
        assertThatThrownBy(() -> unscoped.describeCluster().clusterId().get())
                .hasCauseInstanceOf(SaslAuthenticationException.class);
        unscoped.close(Duration.ZERO);
    }

    private static Map<String, Object> oauth(String subject, String extraOptions) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, "OAUTHBEARER");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, OAUTH_MODULE + " required unsecuredLoginStringClaim_sub=\""
                + subject + "\"" + extraOptions + ";");
        return config;
    }

    @Test
    void kafkaConfigsCreatesDescribesAndDeletesScramUsers() throws Exception {
        // given: kafka-configs logged in as the bootstrap user
        Path commandConfig = Files.createTempFile("admin", ".properties");
        Properties properties = new Properties();
        properties.putAll(sasl("SCRAM-SHA-256", "root", "root-secret"));
        try (var out = Files.newOutputStream(commandConfig)) {
            properties.store(out, null);
        }
        String user = "carl-" + TopicNames.unique("u");
        String[] connection = {"--bootstrap-server", broker.bootstrapServers(), "--command-config",
            commandConfig.toString()};

        // when
        ToolResult added = KafkaToolRunner.run(ConfigCommand::main, concat(connection, "--alter", "--entity-type",
                "users", "--entity-name", user, "--add-config", "SCRAM-SHA-256=[iterations=4096,password=carl-secret]"));

        // then
        assertThat(added.exitCode()).as(added.output()).isZero();
        assertThat(added.output()).contains("Completed updating config for user " + user);
        // (kafka-configs --describe of users also asks for client quotas, DescribeClientQuotas: the quotas work)
        Admin root = clients.newAdmin(sasl("SCRAM-SHA-256", "root", "root-secret"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(root.describeUserScramCredentials(List.of(user)).description(user).get()
                        .credentialInfos()).containsExactly(new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096)));
        String topic = TopicNames.unique("carl");
        assertThat(Producing.sendAll(clients.producer(sasl("SCRAM-SHA-256", user, "carl-secret")),
                Producing.numbered(topic, 0, "c", 3))).hasSize(3);

        // and deleting works the same way
        ToolResult deleted = KafkaToolRunner.run(ConfigCommand::main, concat(connection, "--alter", "--entity-type",
                "users", "--entity-name", user, "--delete-config", "SCRAM-SHA-256"));
        assertThat(deleted.exitCode()).as(deleted.output()).isZero();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void clientsReauthenticateWhenTheirSessionEnds() throws Exception {
        // given
        String topic = TopicNames.unique("reauth");
        var producer = clients.producer(sasl("SCRAM-SHA-256", "root", "root-secret"));
        Producing.sendAll(producer, Producing.numbered(topic, 0, "a", 5));

        // when: the session lifetime passes; the client re-authenticates on the same connection
        Thread.sleep(REAUTH_MS + 500);

        // then
        assertThat(Producing.sendAll(producer, Producing.numbered(topic, 0, "b", 5))).hasSize(5);
        var records = Consuming.readFromBeginning(clients.consumer(sasl("PLAIN", "alice", "alice-secret")),
                Consuming.partitions(topic, 1), 10);
        assertThat(records).hasSize(10);
    }
}
