package io.tributary.it.security;

import static io.tributary.it.support.AuthorizedBroker.ME;
import static io.tributary.it.support.AuthorizedBroker.TIMEOUT;
import static io.tributary.it.support.AuthorizedBroker.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.it.share.ShareConsumers;
import io.tributary.it.support.TestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.tributary.it.support.AuthorizedBroker;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Share groups (KIP-932) under ACLs, as Kafka: consuming needs READ on the group and on the topic, describing the
 * group needs DESCRIBE, ListGroups shows only the share groups the principal may describe. As in
 * {@link AuthorizationIT} every client is {@code User:ANONYMOUS}: a first run as super user creates the topic, its
 * records, the group configs and the CLUSTER ALTER ACL (to add ACLs later); the broker then restarts without super
 * users.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShareGroupAuthorizationIT {

    private static final String TOPIC = "sa-topic";
    /** Never readable: no test grants READ on it. */
    private static final String UNREADABLE = "sa-unreadable";
    private static final int RECORDS = 5;
    private static final AclBinding CLUSTER_ALTER = allow(ResourceType.CLUSTER, "kafka-cluster", AclOperation.ALTER);

    @RegisterExtension
    static final AuthorizedBroker broker = AuthorizedBroker.builder()
            .config("auto.create.topics.enable", "false")
            .config("group.share.heartbeat.interval.ms", "500")
            .config("group.share.min.heartbeat.interval.ms", "500")
            .setUp(ShareGroupAuthorizationIT::createTopicsAndGroups)
            .build();
    private ShareConsumers consumers;

    /** As the super user: the CLUSTER ALTER ACL, both topics with their records, and the share groups at earliest. */
    private static void createTopicsAndGroups(TestClients superUser) throws Exception {
        get(superUser.admin().createAcls(List.of(CLUSTER_ALTER)).all());
        get(superUser.admin().createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1),
                new NewTopic(UNREADABLE, 1, (short) 1))).all());
        try (KafkaProducer<String, String> producer = superUser.producer()) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "v" + i)).get(15, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(UNREADABLE, "k", "v" + i)).get(15, TimeUnit.SECONDS);
            }
        }
        for (String group : List.of("sa-nogroup", "sa-noread", "sa-ok")) {
            ShareConsumers.startAtEarliest(superUser.admin(), group);
        }
    }




    @AfterEach
    void closeConsumers() {
        if (consumers != null) {
            consumers.close();
        }
    }


    @Test
    @Order(1)
    void withoutReadOnTheGroupAShareConsumerGetsGroupAuthorizationFailed() throws Exception {
        // DESCRIBE on the group lets the client find its coordinator; only READ lets it join (ShareGroupHeartbeat).
        addAcls(allow(ResourceType.GROUP, "sa-nogroup", AclOperation.DESCRIBE),
                allow(ResourceType.TOPIC, TOPIC, AclOperation.READ));
        consumers = new ShareConsumers(broker.bootstrapServers());
        KafkaShareConsumer<String, String> consumer = consumers.create("sa-nogroup", TOPIC, false);

        assertThatThrownBy(() -> pollUntilError(consumer)).isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    @Order(2)
    void withoutReadOnTheTopicAShareConsumerGetsTopicAuthorizationFailed() throws Exception {
        // DESCRIBE lets the member subscribe (ShareGroupHeartbeat); only READ lets it fetch (ShareFetch).
        addAcls(allow(ResourceType.GROUP, "sa-noread", AclOperation.READ),
                allow(ResourceType.TOPIC, UNREADABLE, AclOperation.DESCRIBE));
        consumers = new ShareConsumers(broker.bootstrapServers());
        KafkaShareConsumer<String, String> consumer = consumers.create("sa-noread", UNREADABLE, false);

        assertThatThrownBy(() -> pollUntilError(consumer)).isInstanceOf(TopicAuthorizationException.class);
    }

    /** Last: it ends by dropping the CLUSTER ALTER ACL the other tests add ACLs with. */
    @Test
    @Order(3)
    void withReadOnBothItConsumesAndDescribingTheGroupNeedsDescribe() throws Exception {
        AclBinding readGroup = allow(ResourceType.GROUP, "sa-ok", AclOperation.READ);
        addAcls(readGroup, allow(ResourceType.TOPIC, TOPIC, AclOperation.READ));
        consumers = new ShareConsumers(broker.bootstrapServers());
        KafkaShareConsumer<String, String> consumer = consumers.create("sa-ok", TOPIC, false);

        List<String> values = new ArrayList<>();
        await().atMost(TIMEOUT).until(() -> {
            for (ConsumerRecord<String, String> record : ShareConsumers.poll(consumer, 200)) {
                values.add(record.value());
            }
            return values.size() >= RECORDS;
        });
        assertThat(values).containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4");
        consumer.commitSync();
        consumers.close(consumer);
        // READ implies DESCRIBE: the group is listed and described.
        assertThat(shareGroupsListed()).contains("sa-ok");
        assertThat(get(broker.clients().admin().describeShareGroups(List.of("sa-ok")).all()).get("sa-ok").groupId())
                .isEqualTo("sa-ok");

        // DESCRIBE alone suffices to describe it
        AclBinding describeGroup = allow(ResourceType.GROUP, "sa-ok", AclOperation.DESCRIBE);
        addAcls(describeGroup);
        get(broker.clients().admin().deleteAcls(List.of(readGroup.toFilter())).all());
        assertThat(get(broker.clients().admin().describeShareGroups(List.of("sa-ok")).all()).get("sa-ok").groupId())
                .isEqualTo("sa-ok");

        // without any ACL on the group (nor CLUSTER ALTER, which implies DESCRIBE on the cluster and so lists
        // every group) it is neither described nor listed
        get(broker.clients().admin().deleteAcls(List.of(describeGroup.toFilter(), CLUSTER_ALTER.toFilter())).all());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThatThrownBy(
                () -> get(broker.clients().admin().describeShareGroups(List.of("sa-ok")).all()))
                .hasCauseInstanceOf(GroupAuthorizationException.class));
        assertThat(shareGroupsListed()).doesNotContain("sa-ok");
    }

    /** Polls until the consumer throws (the test's assertion), failing if it does not within the timeout. */
    private static void pollUntilError(KafkaShareConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200));
        }
        throw new AssertionError("The share consumer polled without error for " + TIMEOUT);
    }

    private static List<String> shareGroupsListed() throws Exception {
        return get(broker.clients().admin().listGroups().all()).stream().map(GroupListing::groupId).toList();
    }

    private static void addAcls(AclBinding... acls) throws Exception {
        get(broker.clients().admin().createAcls(List.of(acls)).all());
    }

    private static AclBinding allow(ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(ME, "*", operation, AclPermissionType.ALLOW));
    }

}
