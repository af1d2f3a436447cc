package io.tributary.it.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.embedded.EmbeddedTributary;
import io.tributary.it.support.TestClients;
import io.tributary.it.support.TestPorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriverException;

/**
 * The console with security on, in headless Chromium: a SASL_PLAINTEXT listener with SCRAM-SHA-512 (the console's
 * clients log in through it with the user's password) and Kafka's StandardAuthorizer. A user with few ACLs logs in and
 * is denied what the ACLs do not allow, the denial shown with Kafka's error code; an administrator manages ACLs.
 * The test's own set-up uses a PLAINTEXT listener whose anonymous principal is a super user.
 */
class ConsoleSecurityBrowserIT {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-secret";
    private static final String VIEWER = "viewer";
    private static final String VIEWER_PASSWORD = "viewer-secret";

    @RegisterExtension
    @Order(1)
    static final BrowserExtension browser = new BrowserExtension();

    private static EmbeddedTributary broker;
    private static TestClients setup;

    @BeforeAll
    static void start() throws Exception {
        int plaintextPort = TestPorts.free();
        broker = EmbeddedTributary.builder()
                .config("listeners", "SASL_PLAINTEXT://localhost:0,PLAINTEXT://localhost:" + plaintextPort)
                .config("inter.broker.listener.name", "PLAINTEXT")
                .config("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .config("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .config("super.users", "User:" + ADMIN + ";User:ANONYMOUS")
                .config("tributary.http.listener", "http://127.0.0.1:0")
                .config("auto.create.topics.enable", "false")
                .config("offsets.topic.replication.factor", "1")
                .config("offsets.topic.num.partitions", "1")
                .start();
        setup = new TestClients("localhost:" + plaintextPort);
        Admin admin = setup.admin();
        createScramUser(admin, ADMIN, ADMIN_PASSWORD);
        createScramUser(admin, VIEWER, VIEWER_PASSWORD);
        admin.createTopics(List.of(new NewTopic("audit-log", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        admin.createAcls(List.of(
                allow(VIEWER, ResourceType.TOPIC, "audit-log", PatternType.LITERAL, AclOperation.DESCRIBE),
                allow(VIEWER, ResourceType.TOPIC, "audit-", PatternType.PREFIXED, AclOperation.READ))).all()
                .get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (setup != null) {
            setup.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Every test starts logged out: no session cookie, the app loaded afresh. */
    @BeforeEach
    void logOut() {
        try {
            browser.driver().manage().deleteAllCookies();
        } catch (WebDriverException e) {
            // no page of the console open yet: there is no cookie to delete
        }
    }

    private Console console() {
        return browser.console(broker.httpPort());
    }

    @Test
    void aUserLogsInWithScramAndSeesTheBrokersAclDenials() {
        Console console = console().reload("#/topics", "#/login");
        console.screenshot("login");

        console.type("login-username", VIEWER).type("login-password", "wrong").click("login-submit");
        assertThat(console.awaitText("login-error", "SASL_AUTHENTICATION_FAILED")).contains("refused");

        console.type("login-username", VIEWER).type("login-password", VIEWER_PASSWORD).click("login-submit");
        console.awaitRoute("#/overview");
        assertThat(console.find("header-user").getText()).isEqualTo(VIEWER);

        // the topic list holds what the user may describe; creating one is denied by the broker
        console.open("#/topics").row("topic-row", "data-topic", "audit-log");
        console.type("topic-create-name", "not-allowed").click("topic-create-submit");
        assertThat(console.bannerCode()).isEqualTo("TOPIC_AUTHORIZATION_FAILED");

        // listing ACLs needs DESCRIBE on the cluster
        console.open("#/security");
        assertThat(console.bannerCode()).isEqualTo("CLUSTER_AUTHORIZATION_FAILED");

        console.click("logout-button").awaitRoute("#/login");
    }

    @Test
    void anAdministratorListsAndAddsAcls() throws Exception {
        Console console = console().reload("#/security", "#/login");
        console.type("login-username", ADMIN).type("login-password", ADMIN_PASSWORD).click("login-submit");
        console.awaitRoute("#/overview");

        console.open("#/security");
        console.waitUntil(d -> console.findAll("acl-row").size() == 2);
        assertThat(console.find("acls-table").getText()).contains("User:" + VIEWER, "audit-log", "prefix");
        assertThat(console.find("users-table").getText()).contains(ADMIN, VIEWER, "SCRAM-SHA-512");

        console.choose("acl-resource-type", "GROUP").type("acl-resource-name", "audit-readers")
                .type("acl-principal", "User:" + VIEWER).choose("acl-operation", "READ").click("acl-add");
        console.waitUntil(d -> console.findAll("acl-row").size() == 3);

        AclBindingFilter groupAcls = new AclBindingFilter(
                new org.apache.kafka.common.resource.ResourcePatternFilter(ResourceType.GROUP, "audit-readers",
                        PatternType.LITERAL), org.apache.kafka.common.acl.AccessControlEntryFilter.ANY);
        assertThat(setup.admin().describeAcls(groupAcls).values().get(15, TimeUnit.SECONDS))
                .extracting(b -> b.entry().principal()).containsExactly("User:" + VIEWER);
        console.choose("quota-entity-type", "user").type("quota-entity-name", VIEWER)
                .choose("quota-name", "producer_byte_rate").type("quota-value", "1048576").click("quota-set");
        console.waitUntil(d -> console.findAll("quota-row").size() == 1);
        assertThat(console.find("quotas-table").getText())
                .contains("user=" + VIEWER, "producer_byte_rate", "1,048,576");
        assertThat(setup.admin().describeClientQuotas(ClientQuotaFilter.all()).entities().get(15, TimeUnit.SECONDS)
                .values()).containsExactly(Map.of("producer_byte_rate", 1048576.0));
        console.screenshot("security");
        console.click("logout-button").awaitRoute("#/login");
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static void createScramUser(Admin admin, String user, String password) throws Exception {
        ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192);
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user, info, password))).all()
                .get(30, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() ->
                admin.describeUserScramCredentials(List.of(user)).description(user).get().credentialInfos()
                        .contains(info));
    }
}
