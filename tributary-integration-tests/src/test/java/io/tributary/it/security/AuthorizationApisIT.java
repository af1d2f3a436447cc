package io.tributary.it.security;

import static io.tributary.it.support.AuthorizedBroker.ME;
import static io.tributary.it.support.AuthorizedBroker.allow;
import static io.tributary.it.support.AuthorizedBroker.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.tributary.it.support.AuthorizedBroker;

/**
 * The finer points of what Kafka checks: authorized operations (KIP-430), auto-creation needing CREATE, config
 * ACLs, the configs CreateTopics returns, group listing and offsets filtered by DESCRIBE, cluster-level refusals.
 * Set up like {@link AuthorizationIT}: cluster ACLs created by a super user, then a restart without super users.
 */
class AuthorizationApisIT {

    @RegisterExtension
    static final AuthorizedBroker broker = AuthorizedBroker.builder()
            .config("auto.create.topics.enable", "true")
            .config("group.initial.rebalance.delay.ms", "0")
            .setUp(superUser -> AuthorizedBroker.createAcls(superUser,
                    allow(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.ALTER),
                    allow(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.IDEMPOTENT_WRITE)))
            .build();






    @Test
    void authorizedOperationsAreThoseTheAclsAllow() throws Exception {
        createTopic("ops");
        addAcls(allow(ResourceType.TOPIC, "ops", PatternType.LITERAL, AclOperation.READ));

        Set<AclOperation> topicOps = get(broker.clients().admin().describeTopics(List.of("ops"),
                new DescribeTopicsOptions().includeAuthorizedOperations(true)).allTopicNames()).get("ops")
                .authorizedOperations();
        Set<AclOperation> clusterOps = get(broker.clients().admin().describeCluster(
                new DescribeClusterOptions().includeAuthorizedOperations(true)).authorizedOperations());

        // CREATE comes with the topic's own CREATE ACL (given to create it); DESCRIBE is implied by READ.
        assertThat(topicOps).containsExactlyInAnyOrder(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.CREATE);
        // ALTER implies DESCRIBE, which is what lets the cluster's operations be reported at all.
        assertThat(clusterOps).containsExactlyInAnyOrder(AclOperation.ALTER, AclOperation.DESCRIBE,
                AclOperation.IDEMPOTENT_WRITE);
    }

    @Test
    void autoCreationNeedsCreate() throws Exception {
        addAcls(allow(ResourceType.TOPIC, "auto-", PatternType.PREFIXED, AclOperation.WRITE));
        try (KafkaProducer<String, String> producer = broker.clients().producer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG,
                3_000))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("auto-one", "k", "v")).get(15,
                    TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        assertThat(get(broker.clients().admin().listTopics().names())).doesNotContain("auto-one");

        addAcls(allow(ResourceType.TOPIC, "auto-", PatternType.PREFIXED, AclOperation.CREATE));
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            assertThat(producer.send(new ProducerRecord<>("auto-one", "k", "v")).get(15, TimeUnit.SECONDS)
                    .offset()).isZero();
        }
    }

    @Test
    void configsNeedDescribeConfigsAndAlterConfigs() throws Exception {
        createTopic("conf");
        Admin admin = broker.clients().admin();
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "conf");
        ConfigResource brokerConfigs = new ConfigResource(ConfigResource.Type.BROKER, "1");
        assertThatThrownBy(() -> get(admin.describeConfigs(List.of(topic)).all()))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> get(admin.describeConfigs(List.of(brokerConfigs)).all()))
                .hasCauseInstanceOf(ClusterAuthorizationException.class);
        Map<ConfigResource, Collection<AlterConfigOp>> retention = Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry("retention.ms", "60000"), AlterConfigOp.OpType.SET)));
        assertThatThrownBy(() -> get(admin.incrementalAlterConfigs(retention).all()))
                .hasCauseInstanceOf(TopicAuthorizationException.class);

        addAcls(allow(ResourceType.TOPIC, "conf", PatternType.LITERAL, AclOperation.ALTER_CONFIGS));
        get(admin.incrementalAlterConfigs(retention).all());

        // ALTER_CONFIGS implies DESCRIBE_CONFIGS.
        assertThat(get(admin.describeConfigs(List.of(topic)).all()).get(topic).get("retention.ms").value())
                .isEqualTo("60000");
    }

    @Test
    void createTopicsReturnsConfigsOnlyWithDescribeConfigs() throws Exception {
        addAcls(allow(ResourceType.TOPIC, "cfg-", PatternType.PREFIXED, AclOperation.CREATE));
        CreateTopicsResult hidden = broker.clients().admin().createTopics(List.of(new NewTopic("cfg-hidden", 1, (short) 1)));
        get(hidden.all());
        assertThatThrownBy(() -> get(hidden.config("cfg-hidden")))
                .hasCauseInstanceOf(TopicAuthorizationException.class);

        addAcls(allow(ResourceType.TOPIC, "cfg-shown", PatternType.LITERAL, AclOperation.DESCRIBE_CONFIGS));
        CreateTopicsResult shown = broker.clients().admin().createTopics(List.of(new NewTopic("cfg-shown", 2, (short) 1)));
        assertThat(get(shown.numPartitions("cfg-shown"))).isEqualTo(2);
        assertThat(get(shown.config("cfg-shown")).get("cleanup.policy").value()).isEqualTo("delete");
    }

    @Test
    void groupsAndTheirOffsetsAreFilteredByDescribe() throws Exception {
        createTopic("lg-topic");
        createTopic("lg-topic-2");
        addAcls(allow(ResourceType.TOPIC, "lg-", PatternType.PREFIXED, AclOperation.READ),
                allow(ResourceType.GROUP, "lg-", PatternType.PREFIXED, AclOperation.READ));
        for (String group : List.of("lg-visible", "lg-hidden")) {
            try (KafkaConsumer<String, String> consumer = broker.clients().classicGroupConsumer(group)) {
                consumer.commitSync(Map.of(new TopicPartition("lg-topic", 0), new OffsetAndMetadata(0),
                        new TopicPartition("lg-topic-2", 0), new OffsetAndMetadata(0)));
            }
        }
        AclBinding noClusterDescribe = deny(ResourceType.CLUSTER, "kafka-cluster", AclOperation.DESCRIBE);
        addAcls(deny(ResourceType.GROUP, "lg-hidden", AclOperation.DESCRIBE),
                deny(ResourceType.TOPIC, "lg-topic-2", AclOperation.DESCRIBE), noClusterDescribe);
        try {
            Admin admin = broker.clients().admin();
            assertThat(get(admin.listGroups().all())).extracting(GroupListing::groupId)
                    .contains("lg-visible").doesNotContain("lg-hidden");
            assertThatThrownBy(() -> get(admin.describeConsumerGroups(List.of("lg-hidden")).all()))
                    .hasCauseInstanceOf(GroupAuthorizationException.class);
            ConsumerGroupDescription visible = get(admin.describeConsumerGroups(List.of("lg-visible"),
                    new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true)).all()).get("lg-visible");
            assertThat(visible.authorizedOperations()).containsExactlyInAnyOrder(AclOperation.READ,
                    AclOperation.DESCRIBE);
            assertThat(get(admin.listConsumerGroupOffsets("lg-visible").partitionsToOffsetAndMetadata()))
                    .containsOnlyKeys(new TopicPartition("lg-topic", 0));
            // Without DESCRIBE on the cluster (denied here), cluster-level reads are refused.
            assertThatThrownBy(() -> get(admin.describeLogDirs(List.of(1)).allDescriptions()))
                    .hasCauseInstanceOf(ClusterAuthorizationException.class);
            assertThatThrownBy(() -> get(admin.describeAcls(
                    org.apache.kafka.common.acl.AclBindingFilter.ANY).values()))
                    .hasCauseInstanceOf(ClusterAuthorizationException.class);
        } finally {
            get(broker.clients().admin().deleteAcls(List.of(noClusterDescribe.toFilter())).all());
        }
    }

    private static void createTopic(String name) throws Exception {
        addAcls(allow(ResourceType.TOPIC, name, PatternType.LITERAL, AclOperation.CREATE));
        get(broker.clients().admin().createTopics(List.of(new NewTopic(name, 1, (short) 1))).all());
    }

    private static void addAcls(AclBinding... acls) throws Exception {
        get(broker.clients().admin().createAcls(List.of(acls)).all());
    }


    private static AclBinding deny(ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(ME, "*", operation, AclPermissionType.DENY));
    }

}
