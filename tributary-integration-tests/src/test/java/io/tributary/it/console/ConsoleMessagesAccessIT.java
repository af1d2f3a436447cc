package io.tributary.it.console;

import static io.tributary.it.console.ConsoleMessagesIT.matches;
import static io.tributary.it.console.ConsoleApi.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.EmbeddedTributary;
import io.tributary.embedded.EmbeddedTributaryCluster;
import io.tributary.it.console.ConsoleApi.Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Search where the serving node cannot simply read its own log: a topic the user may describe but not read (the
 * broker's authorizer is asked before the local replica is read), and a 3-node cluster where the partitions led
 * elsewhere are read with the session's consumer and filtered on the serving node.
 */
class ConsoleMessagesAccessIT {

    @Test
    void searchOfATopicTheUserMayNotReadFailsWithTopicAuthorizationFailed() throws Exception {
        try (EmbeddedTributary broker = EmbeddedTributary.builder()
                .config("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .config("allow.everyone.if.no.acl.found", "true")
                .config("tributary.http.listener", "http://127.0.0.1:0")
                .start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("secret", 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
            produce(broker.bootstrapServers(), "secret", 0, "a secret value");
            // an ACL on the topic: DESCRIBE only, so READ is denied (the topic now has ACLs)
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "secret",
                    PatternType.LITERAL), new AccessControlEntry("User:ANONYMOUS", "*", AclOperation.DESCRIBE,
                    AclPermissionType.ALLOW)))).all().get(15, TimeUnit.SECONDS);

            ConsoleApi api = ConsoleApi.of(broker.httpPort());
            List<Event> events = api.events("/topics/secret/search?q=secret");
            assertThat(matches(events)).isEmpty();
            assertThat(events).last().satisfies(e -> {
                assertThat(e.name()).isEqualTo("failure");
                assertThat(e.data().get("code").asText()).isEqualTo("TOPIC_AUTHORIZATION_FAILED");
            });
            ConsoleApi.Response browse = api.get("/topics/secret/messages");
            assertThat(browse.status()).isEqualTo(403);
            assertThat(browse.body().get("code").asText()).isEqualTo("TOPIC_AUTHORIZATION_FAILED");
        }
    }

    @Test
    void partitionsWithoutALocalReplicaAreReadWithTheSessionsConsumer() throws Exception {
        try (EmbeddedTributaryCluster cluster = EmbeddedTributaryCluster.builder().nodes(3).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     cluster.bootstrapServers()))) {
            List<Integer> ids = cluster.nodes().stream().map(EmbeddedTributary::nodeId).sorted().toList();
            String topic = "spread";
            admin.createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(ids.get(0)), 1, List.of(ids.get(1)),
                    2, List.of(ids.get(2)))))).all().get(15, TimeUnit.SECONDS);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()), new StringSerializer(),
                    new StringSerializer())) {
                for (int p = 0; p < 3; p++) {
                    for (int i = 0; i < 20; i++) {
                        producer.send(new ProducerRecord<>(topic, p, null, (i == 13 ? "found-" : "plain-") + p + "-"
                                + i)).get(15, TimeUnit.SECONDS);
                    }
                }
            }
            // served by the node holding partition 0 only: partitions 1 and 2 come from the other nodes
            ConsoleApi api = ConsoleApi.of(cluster.node(ids.get(0)).httpPort());
            List<Event> events = api.events("/topics/" + topic + "/search?q=found-");
            assertThat(matches(events)).extracting(m -> text(m.get("value")))
                    .containsExactlyInAnyOrder("found-0-13", "found-1-13", "found-2-13");
            assertThat(matches(events)).extracting(m -> m.get("offset").asLong()).containsOnly(13L);
            assertThat(events).last().satisfies(e -> {
                assertThat(e.name()).isEqualTo("done");
                assertThat(e.data().get("reason").asText()).isEqualTo("complete");
                assertThat(e.data().get("scannedRecords").asLong()).isEqualTo(60);
                assertThat(e.data().get("partitionsDone").asInt()).isEqualTo(3);
                assertThat(e.data().get("skipped")).isEmpty();
            });
            assertThat(ConsoleMessagesIT.values(api.get("/topics/" + topic + "/messages?partition=2&from=end&limit=2")
                    .body().get("messages"))).containsExactly("plain-2-18", "plain-2-19");
            // newer messages on the local partition 0 and the remote 1 and 2, interleaved: one call merges both
            long later = System.currentTimeMillis() + 3_600_000;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()), new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, 1, later + 1, null, "late-1")).get(15, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(topic, 0, later + 2, null, "late-0")).get(15, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(topic, 2, later + 3, null, "late-2")).get(15, TimeUnit.SECONDS);
            }
            assertThat(ConsoleMessagesIT.values(api.get("/topics/" + topic + "/messages?partition=all&from=end&limit=3")
                    .body().get("messages"))).containsExactly("late-1", "late-0", "late-2");
        }
    }

    private static void produce(String bootstrap, String topic, int partition, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, partition, null, value)).get(15, TimeUnit.SECONDS);
        }
    }
}
