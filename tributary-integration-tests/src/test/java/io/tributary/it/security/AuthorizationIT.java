package io.tributary.it.security;

import static io.tributary.it.support.AuthorizedBroker.ME;
import static io.tributary.it.support.AuthorizedBroker.TIMEOUT;
import static io.tributary.it.support.AuthorizedBroker.allow;
import static io.tributary.it.support.AuthorizedBroker.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.tributary.it.support.AuthorizedBroker;

/**
 * ACLs enforced for the official clients. Every client here is {@code User:ANONYMOUS} (PLAINTEXT): the broker first
 * runs with {@code super.users=User:ANONYMOUS} to create the cluster-level ACLs, then restarts on the same data
 * without super users, so the ACLs in the metadata log (which survive the restart) are all that lets it in.
 */
class AuthorizationIT {

    @RegisterExtension
    static final AuthorizedBroker broker = AuthorizedBroker.builder()
            .config("auto.create.topics.enable", "false")
            .config("group.initial.rebalance.delay.ms", "0")
            .config("transaction.state.log.num.partitions", "1")
            .config("transaction.state.log.replication.factor", "1")
            .config("transaction.state.log.min.isr", "1")
            .setUp(superUser -> AuthorizedBroker.createAcls(superUser,
                    allow(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.ALTER),
                    allow(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.DESCRIBE),
                    allow(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.IDEMPOTENT_WRITE)))
            .build();






    @Test
    void aclsCreatedBySuperUserSurviveTheRestart() throws Exception {
        Collection<AclBinding> acls = get(broker.clients().admin().describeAcls(new AclBindingFilter(
                new ResourcePatternFilter(ResourceType.CLUSTER, null, PatternType.ANY),
                AccessControlEntryFilter.ANY)).values());

        assertThat(acls).extracting(b -> b.entry().operation())
                .contains(AclOperation.ALTER, AclOperation.DESCRIBE, AclOperation.IDEMPOTENT_WRITE);
    }

    @Test
    void produceIsDeniedUntilAWriteAclAllowsIt() throws Exception {
        createTopicAsAdmin("orders");
        try (KafkaProducer<String, String> producer = broker.clients().producer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG,
                3_000))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("orders", "k", "v")).get(15,
                    TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        addAcls(allow(ResourceType.TOPIC, "orders", PatternType.LITERAL, AclOperation.WRITE));

        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            assertThat(producer.send(new ProducerRecord<>("orders", "k", "v")).get(15, TimeUnit.SECONDS).offset())
                    .isZero();
        }
    }

    @Test
    void metadataHidesTopicsThePrincipalMayNotDescribe() throws Exception {
        createTopicAsAdmin("hidden");
        createTopicAsAdmin("visible");
        addAcls(allow(ResourceType.TOPIC, "visible", PatternType.LITERAL, AclOperation.READ)); // implies DESCRIBE

        Set<String> names = get(broker.clients().admin().listTopics().names());

        assertThat(names).contains("visible").doesNotContain("hidden");
    }

    @Test
    void consumingWithAGroupNeedsReadOnTheTopicAndOnTheGroup() throws Exception {
        createTopicAsAdmin("events");
        addAcls(allow(ResourceType.TOPIC, "events", PatternType.LITERAL, AclOperation.WRITE),
                allow(ResourceType.TOPIC, "events", PatternType.LITERAL, AclOperation.READ));
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            producer.send(new ProducerRecord<>("events", "k", "hello")).get(15, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = broker.clients().classicGroupConsumer("readers")) {
            consumer.subscribe(List.of("events"));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
        addAcls(allow(ResourceType.GROUP, "readers", PatternType.LITERAL, AclOperation.READ));

        try (KafkaConsumer<String, String> consumer = broker.clients().classicGroupConsumer("readers")) {
            consumer.subscribe(List.of("events"));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            assertThat(values).containsExactly("hello");
            consumer.commitSync();
        }
    }

    @Test
    void aTransactionalProducerNeedsWriteOnItsTransactionalId() throws Exception {
        createTopicAsAdmin("ledger");
        addAcls(allow(ResourceType.TOPIC, "ledger", PatternType.LITERAL, AclOperation.WRITE));
        try (KafkaProducer<String, String> producer = broker.clients().transactionalProducer("ledger-writer",
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000))) {
            assertThatThrownBy(producer::initTransactions)
                    .isInstanceOf(TransactionalIdAuthorizationException.class);
        }
        addAcls(allow(ResourceType.TRANSACTIONAL_ID, "ledger-writer", PatternType.LITERAL, AclOperation.WRITE));

        try (KafkaProducer<String, String> producer = broker.clients().transactionalProducer("ledger-writer")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("ledger", "k", "v"));
            producer.commitTransaction();
        }
    }

    @Test
    void prefixedAclsAllowAndADenyWinsOverThem() throws Exception {
        createTopicAsAdmin("pay-eu");
        createTopicAsAdmin("pay-secret");
        addAcls(allow(ResourceType.TOPIC, "pay-", PatternType.PREFIXED, AclOperation.WRITE),
                new AclBinding(new ResourcePattern(ResourceType.TOPIC, "pay-secret", PatternType.LITERAL),
                        new AccessControlEntry(ME, "*", AclOperation.ALL, AclPermissionType.DENY)));

        try (KafkaProducer<String, String> producer = broker.clients().producer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG,
                3_000))) {
            assertThat(producer.send(new ProducerRecord<>("pay-eu", "k", "v")).get(15, TimeUnit.SECONDS)
                    .offset()).isZero();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("pay-secret", "k", "v")).get(15,
                    TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void adminCreatesAndDeletesTopicsOnlyWithCreateAndDeleteAcls() throws Exception {
        Admin admin = broker.clients().admin();
        assertThatThrownBy(() -> get(admin.createTopics(List.of(new NewTopic("adm-a", 1, (short) 1))).all()))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        addAcls(allow(ResourceType.TOPIC, "adm-", PatternType.PREFIXED, AclOperation.CREATE));

        get(admin.createTopics(List.of(new NewTopic("adm-a", 1, (short) 1))).all());
        assertThatThrownBy(() -> get(admin.deleteTopics(List.of("adm-a")).all()))
                .hasCauseInstanceOf(TopicAuthorizationException.class);

        addAcls(allow(ResourceType.TOPIC, "adm-a", PatternType.LITERAL, AclOperation.DELETE));
        get(admin.deleteTopics(List.of("adm-a")).all());
    }

    @Test
    void aclsRoundTripThroughCreateDescribeAndDeleteWithFilters() throws Exception {
        AclBinding literal = allow(ResourceType.GROUP, "rt-group", PatternType.LITERAL, AclOperation.READ);
        AclBinding prefixed = allow(ResourceType.GROUP, "rt-", PatternType.PREFIXED, AclOperation.DESCRIBE);
        AclBinding hostOnly = new AclBinding(new ResourcePattern(ResourceType.GROUP, "rt-group", PatternType.LITERAL),
                new AccessControlEntry("User:bob", "10.0.0.1", AclOperation.READ, AclPermissionType.DENY));
        addAcls(literal, prefixed, hostOnly);
        addAcls(literal); // the same ACL again: success, no duplicate

        AclBindingFilter matching = new AclBindingFilter(new ResourcePatternFilter(ResourceType.GROUP, "rt-group",
                PatternType.MATCH), AccessControlEntryFilter.ANY);
        assertThat(get(broker.clients().admin().describeAcls(matching).values()))
                .containsExactlyInAnyOrder(literal, prefixed, hostOnly);
        AclBindingFilter bobOnly = new AclBindingFilter(new ResourcePatternFilter(ResourceType.GROUP, null,
                PatternType.ANY), new AccessControlEntryFilter("User:bob", null, AclOperation.ANY,
                AclPermissionType.ANY));
        assertThat(get(broker.clients().admin().describeAcls(bobOnly).values())).containsExactly(hostOnly);

        Collection<AclBinding> deleted = get(broker.clients().admin().deleteAcls(List.of(new AclBindingFilter(
                new ResourcePatternFilter(ResourceType.GROUP, "rt-", PatternType.PREFIXED),
                AccessControlEntryFilter.ANY))).all());

        assertThat(deleted).containsExactly(prefixed);
        assertThat(get(broker.clients().admin().describeAcls(matching).values()))
                .containsExactlyInAnyOrder(literal, hostOnly);
    }

    private static void createTopicAsAdmin(String name) throws Exception {
        addAcls(allow(ResourceType.TOPIC, name, PatternType.LITERAL, AclOperation.CREATE));
        get(broker.clients().admin().createTopics(List.of(new NewTopic(name, 1, (short) 1))).all());
    }

    private static void addAcls(AclBinding... acls) throws Exception {
        get(broker.clients().admin().createAcls(List.of(acls)).all());
    }


}
