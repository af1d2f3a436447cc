package io.tributary.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.embedded.EmbeddedTributary;
import io.tributary.it.console.ConsoleApi.Response;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.TestClients;
import io.tributary.it.support.TestPorts;
import io.tributary.it.support.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console with security on: its first SASL listener (SASL_PLAINTEXT with SCRAM) is where a login is checked,
 * Kafka's StandardAuthorizer decides what each logged-in user sees. {@value #ADMIN} (a super user, its credential
 * from tributary.bootstrap.scram.credentials) manages users, ACLs and quotas; a user without ACLs is refused with
 * Kafka's error codes. A second, unsecured broker in read-only mode shows SECURITY_DISABLED and READ_ONLY.
 */
class ConsoleSecurityIT {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-secret";

    /** Without an authorizer, and read-only. */
    @RegisterExtension
    static final EmbeddedBroker readOnly = EmbeddedBroker.builder().config("tributary.console.read.only", true)
            .build();

    private static EmbeddedTributary secured;
    /** Clients on the PLAINTEXT listener (User:ANONYMOUS, a super user here) for the set-up. */
    private static TestClients setup;

    @BeforeAll
    static void startSecuredBroker() {
        int plaintextPort = TestPorts.free();
        secured = EmbeddedTributary.builder()
                .config("listeners", "SASL_PLAINTEXT://localhost:0,PLAINTEXT://localhost:" + plaintextPort)
                .config("inter.broker.listener.name", "PLAINTEXT")
                .config("sasl.enabled.mechanisms", "SCRAM-SHA-512,SCRAM-SHA-256")
                .config("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .config("super.users", "User:" + ADMIN + ";User:ANONYMOUS")
                .config("tributary.bootstrap.scram.credentials",
                        "SCRAM-SHA-512=[name=" + ADMIN + ",password=" + ADMIN_PASSWORD + "]")
                .config("offsets.topic.replication.factor", "1")
                .config("offsets.topic.num.partitions", "1")
                .config("group.initial.rebalance.delay.ms", "0")
                .start();
        setup = new TestClients("localhost:" + plaintextPort);
    }

    @AfterAll
    static void stopSecuredBroker() {
        if (setup != null) {
            setup.close();
        }
        if (secured != null) {
            secured.close();
        }
    }

    @Test
    void loginIsCheckedByTheBrokerWithScram() throws Exception {
        ConsoleApi browser = ConsoleApi.of(secured.httpPort());

        // given: no session yet
        JsonNode session = browser.get("/session").body();
        assertThat(session.path("loginRequired").asBoolean()).isTrue();
        assertThat(session.path("authenticated").asBoolean()).isFalse();
        assertThat(browser.get("/groups").status()).isEqualTo(401);

        // when/then: a wrong password is refused by the broker
        Response refused = browser.login(ADMIN, "wrong");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("error").asText()).isNotEmpty();

        // when/then: the right one opens a session as that user
        Response accepted = browser.login(ADMIN, ADMIN_PASSWORD);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().path("authenticated").asBoolean()).isTrue();
        assertThat(accepted.body().path("principal").asText()).isEqualTo("User:" + ADMIN);
        assertThat(browser.get("/session").body().path("user").asText()).isEqualTo(ADMIN);
        assertThat(browser.get("/groups").status()).isEqualTo(200);
    }

    @Test
    void managesScramUsersAndTheNewUserCanLogIn() throws Exception {
        // given
        ConsoleApi admin = loggedIn(ADMIN, ADMIN_PASSWORD);
        String user = TopicNames.unique("carol");

        // when
        Response created = admin.post("/security/users", Map.of("user", user, "mechanism", "SCRAM-SHA-256",
                "password", "carol-secret", "iterations", 4096));

        // then
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> users(admin).contains(user));
        JsonNode row = userRow(admin, user);
        assertThat(row.path("credentials").get(0).path("mechanism").asText()).isEqualTo("SCRAM-SHA-256");
        assertThat(row.path("credentials").get(0).path("iterations").asInt()).isEqualTo(4096);
        assertThat(users(admin)).contains(ADMIN);
        // (the console logs in with SCRAM-SHA-512, the listener's first: a SHA-256-only user cannot log in)
        assertThat(admin.post("/security/users", Map.of("user", user, "mechanism", "SCRAM-SHA-512",
                "password", "carol-secret")).status()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() ->
                ConsoleApi.of(secured.httpPort()).login(user, "carol-secret").status() == 200);

        // when: the user is deleted (every mechanism)
        Response deleted = admin.delete("/security/users/" + user);

        // then
        assertThat(deleted.status()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !users(admin).contains(user));
        assertThat(ConsoleApi.of(secured.httpPort()).login(user, "carol-secret").status()).isEqualTo(401);
        Response again = admin.delete("/security/users/" + user);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("RESOURCE_NOT_FOUND");
    }

    @Test
    void addsListsAndRemovesAnAcl() throws Exception {
        ConsoleApi admin = loggedIn(ADMIN, ADMIN_PASSWORD);
        String topic = TopicNames.unique("acl-topic");
        Map<String, Object> acl = Map.of("resourceType", "TOPIC", "resourceName", topic, "patternType", "LITERAL",
                "principal", "User:reader", "host", "*", "operation", "READ", "permissionType", "ALLOW");

        // when
        Response created = admin.post("/security/acls", acl);

        // then
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> aclsOn(admin, topic).size() == 1);
        JsonNode listed = aclsOn(admin, topic).get(0);
        assertThat(listed.path("principal").asText()).isEqualTo("User:reader");
        assertThat(listed.path("operation").asText()).isEqualTo("READ");
        assertThat(listed.path("permissionType").asText()).isEqualTo("ALLOW");
        assertThat(listed.path("patternType").asText()).isEqualTo("LITERAL");

        // when: deleted with a filter that leaves the other fields as ANY
        Response deleted = admin.post("/security/acls/delete", Map.of("resourceType", "TOPIC", "resourceName", topic));

        // then
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().path("deleted")).hasSize(1);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> aclsOn(admin, topic).isEmpty());
    }

    @Test
    void setsAndRemovesAClientQuota() throws Exception {
        ConsoleApi admin = loggedIn(ADMIN, ADMIN_PASSWORD);
        String user = TopicNames.unique("throttled");

        Response set = admin.post("/security/quotas", Map.of("entity", Map.of("user", user),
                "set", Map.of("producer_byte_rate", 1024)));
        assertThat(set.status()).as(set.body().toString()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> quotaOf(admin, user) != null);
        assertThat(quotaOf(admin, user).path("values").path("producer_byte_rate").asDouble()).isEqualTo(1024.0);

        Response removed = admin.post("/security/quotas", Map.of("entity", Map.of("user", user),
                "remove", List.of("producer_byte_rate")));
        assertThat(removed.status()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> quotaOf(admin, user) == null);
    }

    @Test
    void aUserWithoutAclsIsRefusedWithKafkasCodes() throws Exception {
        // given: a user allowed to read one group and nothing else, and that group with an offset on a topic
        String stranger = TopicNames.unique("stranger");
        String group = TopicNames.unique("strangers-group");
        String topic = TopicNames.unique("secret");
        setup.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
        setup.admin().alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)))
                .all().get(15, TimeUnit.SECONDS);
        setup.admin().alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(stranger,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), "stranger-secret")))
                .all().get(15, TimeUnit.SECONDS);
        setup.admin().createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.GROUP, group,
                PatternType.LITERAL), new AccessControlEntry("User:" + stranger, "*", AclOperation.READ,
                AclPermissionType.ALLOW)))).all().get(15, TimeUnit.SECONDS);
        ConsoleApi browser = ConsoleApi.of(secured.httpPort());
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                browser.login(stranger, "stranger-secret").status() == 200);

        // when/then: cluster-level pages
        Response acls = browser.get("/security/acls");
        assertThat(acls.status()).isEqualTo(403);
        assertThat(acls.code()).isEqualTo("CLUSTER_AUTHORIZATION_FAILED");
        Response users = browser.get("/security/users");
        assertThat(users.status()).isEqualTo(403);
        assertThat(users.code()).isEqualTo("CLUSTER_AUTHORIZATION_FAILED");
        Response addUser = browser.post("/security/users", Map.of("user", "x", "password", "y"));
        assertThat(addUser.status()).isEqualTo(403);
        assertThat(addUser.code()).isEqualTo("CLUSTER_AUTHORIZATION_FAILED");

        // and: the one group is listed, other groups are not
        List<String> groups = new ArrayList<>();
        browser.get("/groups").body().path("groups").forEach(g -> groups.add(g.path("groupId").asText()));
        assertThat(groups).containsExactly(group);

        // and: resetting it on a topic the user may not describe
        Response reset = browser.post("/groups/" + group + "/reset-offsets", Map.of("topic", topic,
                "strategy", "earliest", "dryRun", true));
        assertThat(reset.status()).as(reset.body().toString()).isEqualTo(403);
        assertThat(reset.code()).isEqualTo("TOPIC_AUTHORIZATION_FAILED");
    }

    @Test
    void withoutAnAuthorizerAclsAreSecurityDisabledAndReadOnlyRefusesChanges() throws Exception {
        ConsoleApi browser = ConsoleApi.of(readOnly.httpPort());

        Response acls = browser.get("/security/acls");
        assertThat(acls.status()).isEqualTo(400);
        assertThat(acls.code()).isEqualTo("SECURITY_DISABLED");

        // given: an empty group with a committed offset
        String topic = TopicNames.unique("ro");
        readOnly.createTopic(topic, 1);
        String group = TopicNames.unique("ro-group");
        readOnly.clients().admin().alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0),
                new OffsetAndMetadata(0))).all().get(15, TimeUnit.SECONDS);

        // then: a dry run works in read-only mode; executing, deleting and changing users do not
        assertThat(browser.post("/groups/" + group + "/reset-offsets", Map.of("strategy", "latest", "dryRun", true))
                .status()).isEqualTo(200);
        Response execute = browser.post("/groups/" + group + "/reset-offsets", Map.of("strategy", "latest",
                "dryRun", false));
        assertThat(execute.status()).isEqualTo(403);
        assertThat(execute.code()).isEqualTo("READ_ONLY");
        assertThat(browser.delete("/groups/" + group).code()).isEqualTo("READ_ONLY");
        assertThat(browser.post("/security/acls", Map.of()).code()).isEqualTo("READ_ONLY");
        assertThat(browser.get("/groups/" + group).status()).isEqualTo(200);
    }

    private static ConsoleApi loggedIn(String user, String password) throws Exception {
        ConsoleApi browser = ConsoleApi.of(secured.httpPort());
        Response login = browser.login(user, password);
        assertThat(login.status()).as(login.body().toString()).isEqualTo(200);
        return browser;
    }

    private static List<String> users(ConsoleApi browser) throws Exception {
        List<String> users = new ArrayList<>();
        browser.get("/security/users").body().path("users").forEach(u -> users.add(u.path("user").asText()));
        return users;
    }

    private static JsonNode userRow(ConsoleApi browser, String user) throws Exception {
        for (JsonNode u : browser.get("/security/users").body().path("users")) {
            if (u.path("user").asText().equals(user)) {
                return u;
            }
        }
        throw new AssertionError("No user " + user);
    }

    private static List<JsonNode> aclsOn(ConsoleApi browser, String topic) throws Exception {
        List<JsonNode> acls = new ArrayList<>();
        browser.get("/security/acls").body().path("acls").forEach(a -> {
            if (a.path("resourceName").asText().equals(topic)) {
                acls.add(a);
            }
        });
        return acls;
    }

    private static JsonNode quotaOf(ConsoleApi browser, String user) throws Exception {
        for (JsonNode q : browser.get("/security/quotas").body().path("quotas")) {
            if (user.equals(q.path("entity").path("user").asText(null))) {
                return q;
            }
        }
        return null;
    }
}
