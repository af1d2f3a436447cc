package io.tributary.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.embedded.EmbeddedTributaryCluster;
import io.tributary.it.support.TestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ACLs in a 3-node cluster: created through one node, enforced by every node (each leads one partition of the
 * denied topic), while replication, heartbeats and ISR changes keep working because the brokers' principal (until
 * SASL lands, {@code User:ANONYMOUS} on PLAINTEXT like the clients) holds CLUSTER_ACTION.
 * {@code allow.everyone.if.no.acl.found} lets the cluster form before any ACL exists.
 */
class ClusterAuthorizationIT {

    private static final String ME = "User:ANONYMOUS";

    private static EmbeddedTributaryCluster cluster;
    private static TestClients clients;

    @BeforeAll
    static void start() {
        cluster = EmbeddedTributaryCluster.builder().nodes(3)
                .config("authorizer.class.name", "io.tributary.broker.authz.AclAuthorizer")
                .config("allow.everyone.if.no.acl.found", true)
                .start();
        clients = new TestClients(cluster.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aclsCreatedOnOneNodeAreEnforcedByEveryNodeWhileReplicationGoesOn() throws Exception {
        Map<Integer, List<Integer>> onePartitionLedByEachNode = Map.of(0, List.of(1, 2, 3), 1, List.of(2, 3, 1),
                2, List.of(3, 1, 2));
        clients.admin().createTopics(List.of(new NewTopic("secret", onePartitionLedByEachNode),
                new NewTopic("open", onePartitionLedByEachNode))).all().get(30, TimeUnit.SECONDS);

        // The brokers (and this client) keep what the cluster needs; writes to "secret" are denied.
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation operation : List.of(AclOperation.CLUSTER_ACTION, AclOperation.ALTER,
                AclOperation.DESCRIBE, AclOperation.CREATE, AclOperation.IDEMPOTENT_WRITE)) {
            acls.add(acl(ResourceType.CLUSTER, "kafka-cluster", operation, AclPermissionType.ALLOW));
        }
        // A resource with ACLs is closed to what they do not allow: DESCRIBE is granted, WRITE denied.
        acls.add(acl(ResourceType.TOPIC, "secret", AclOperation.DESCRIBE, AclPermissionType.ALLOW));
        acls.add(acl(ResourceType.TOPIC, "secret", AclOperation.WRITE, AclPermissionType.DENY));
        clients.admin().createAcls(acls).all().get(30, TimeUnit.SECONDS);

        assertThat(leaders("secret")).containsExactlyInAnyOrder(1, 2, 3);
        try (KafkaProducer<String, String> producer = clients.producer()) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (int partition = 0; partition < 3; partition++) {
                    int p = partition;
                    assertThatThrownBy(() -> producer.send(new ProducerRecord<>("secret", p, "k", "v"))
                            .get(15, TimeUnit.SECONDS)).as("partition %d", p)
                            .hasCauseInstanceOf(TopicAuthorizationException.class);
                }
            });
            for (int partition = 0; partition < 3; partition++) {
                producer.send(new ProducerRecord<>("open", partition, "k", "v" + partition)).get(15, TimeUnit.SECONDS);
            }
        }

        try (KafkaConsumer<String, String> consumer = clients.consumer(Map.of())) {
            List<TopicPartition> partitions = List.of(new TopicPartition("open", 0), new TopicPartition("open", 1),
                    new TopicPartition("open", 2));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= 3;
            });
            assertThat(values).containsExactlyInAnyOrder("v0", "v1", "v2");
        }
        // Followers fetched with CLUSTER_ACTION: every replica is still in sync, every broker still registered.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (TopicPartitionInfo partition : describe("open").partitions()) {
                assertThat(partition.isr()).hasSize(3);
            }
        });
        assertThat(clients.admin().describeCluster().nodes().get(15, TimeUnit.SECONDS)).hasSize(3);
    }

    private static AclBinding acl(ResourceType type, String name, AclOperation operation,
                                  AclPermissionType permission) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(ME, "*", operation, permission));
    }

    private static List<Integer> leaders(String topic) throws Exception {
        return describe(topic).partitions().stream().map(p -> p.leader().id()).toList();
    }

    private static TopicDescription describe(String topic) throws Exception {
        return clients.admin().describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic);
    }
}
