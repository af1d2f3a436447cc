package io.tributary.it.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.it.support.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's calls are the session principal's own: with an authorizer, what its ACLs deny is a 403 with Kafka's
 * error name, and what it may not see is left out. The principal is {@code User:ANONYMOUS} (PLAINTEXT), denied
 * DESCRIBE on one topic, CREATE of another, and holding no DESCRIBE on the cluster (so no log dirs, no quorum).
 */
class ConsoleAuthorizationIT {

    private static final String ME = "User:ANONYMOUS";

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder()
            .config("authorizer.class.name", "io.tributary.broker.authz.AclAuthorizer")
            .config("allow.everyone.if.no.acl.found", true)
            .build();

    private final ConsoleApi api = ConsoleApi.of(broker.httpPort());

    @BeforeAll
    static void denySome() throws Exception {
        broker.createTopic("console-open", 2);
        broker.createTopic("console-secret", 1);
        try (var producer = broker.clients().producer()) {
            producer.send(new ProducerRecord<>("console-open", 0, "k", "v")).get();
        }
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation operation : List.of(AclOperation.CLUSTER_ACTION, AclOperation.IDEMPOTENT_WRITE)) {
            acls.add(acl(ResourceType.CLUSTER, "kafka-cluster", operation, AclPermissionType.ALLOW));
        }
        acls.add(acl(ResourceType.CLUSTER, "kafka-cluster", AclOperation.CREATE, AclPermissionType.DENY));
        acls.add(acl(ResourceType.TOPIC, "console-secret", AclOperation.DESCRIBE, AclPermissionType.DENY));
        // Kafka lets CREATE on the topic stand in for CREATE on the cluster: deny both.
        acls.add(acl(ResourceType.TOPIC, "console-refused", AclOperation.CREATE, AclPermissionType.DENY));
        broker.clients().admin().createAcls(acls).all().get();
        await().atMost(Duration.ofSeconds(15)).until(() -> ConsoleApi.of(broker.httpPort())
                .get("/topics/console-secret").status() == 403);
    }

    @Test
    void aDeniedTopicIsForbiddenAndLeftOutOfTheList() {
        // when
        ConsoleApi.Response secret = api.get("/topics/console-secret");
        JsonNode listed = api.get("/topics").body().path("topics");

        // then
        assertThat(secret.status()).isEqualTo(403);
        assertThat(secret.code()).isEqualTo("TOPIC_AUTHORIZATION_FAILED");
        List<String> names = new ArrayList<>();
        listed.forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).contains("console-open").doesNotContain("console-secret");
        JsonNode open = listed.get(names.indexOf("console-open"));
        assertThat(open.path("messages").asLong()).isEqualTo(1);
        assertThat(open.path("sizeBytes").isNull()).as("log dirs need DESCRIBE on the cluster").isTrue();
    }

    @Test
    void creatingATopicWithoutTheRightIsForbidden() throws Exception {
        // when
        ConsoleApi.Response created = api.post("/topics", Map.of("name", "console-refused", "partitions", 1));

        // then
        assertThat(created.status()).as(created.toString()).isEqualTo(403);
        assertThat(created.code()).isEqualTo("TOPIC_AUTHORIZATION_FAILED");
        assertThat(broker.clients().admin().listTopics().names().get()).doesNotContain("console-refused");
    }

    @Test
    void theOverviewShowsWhatThePrincipalMaySee() {
        // when
        ConsoleApi.Response response = api.get("/cluster");

        // then
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode cluster = response.body();
        assertThat(cluster.path("securityEnabled").asBoolean()).isTrue();
        assertThat(cluster.path("quorum").isNull()).as("DescribeQuorum needs DESCRIBE on the cluster").isTrue();
        assertThat(cluster.path("controllerId").asInt()).isEqualTo(1);
        assertThat(cluster.path("brokers")).hasSize(1);
        assertThat(cluster.path("partitions").path("total").asInt()).as("console-open only").isEqualTo(2);
    }

    private static AclBinding acl(ResourceType type, String name, AclOperation operation,
                                  AclPermissionType permission) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(ME, "*", operation, permission));
    }
}
