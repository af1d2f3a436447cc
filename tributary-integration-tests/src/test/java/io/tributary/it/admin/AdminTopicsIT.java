package io.tributary.it.admin;

import static io.tributary.it.support.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdminTopicsIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    private static final long TIMEOUT_S = 15;

    private Admin admin() {
        return broker.clients().admin();
    }

    @Test
    void createsTopicWithPartitionsAndConfigs() throws Exception {
        // given
        String name = TopicNames.unique("created");
        NewTopic topic = new NewTopic(name, 3, (short) 1).configs(Map.of("retention.ms", "3600000"));

        // when
        CreateTopicsResult result = admin().createTopics(List.of(topic));
        result.all().get(TIMEOUT_S, TimeUnit.SECONDS);

        // then
        assertThat(result.numPartitions(name).get()).isEqualTo(3);
        assertThat(result.replicationFactor(name).get()).isEqualTo(1);
        assertThat(result.topicId(name).get()).isNotEqualTo(Uuid.ZERO_UUID);
        assertThat(result.config(name).get().get("retention.ms").value()).isEqualTo("3600000");
        TopicDescription description = describe(name);
        assertThat(description.partitions()).hasSize(3);
        for (TopicPartitionInfo partition : description.partitions()) {
            assertThat(partition.leader().id()).isEqualTo(broker.nodeId());
            assertThat(partition.replicas()).extracting(node -> node.id()).containsExactly(broker.nodeId());
            assertThat(partition.isr()).extracting(node -> node.id()).containsExactly(broker.nodeId());
        }
    }

    @Test
    void validateOnlyCreatesNothing() throws Exception {
        // given
        String name = TopicNames.unique("validate-only");

        // when
        admin().createTopics(List.of(new NewTopic(name, 2, (short) 1)), new CreateTopicsOptions().validateOnly(true))
                .all().get(TIMEOUT_S, TimeUnit.SECONDS);

        // then
        assertThat(listNames()).doesNotContain(name);
        assertThat(failureOf(admin().describeTopics(List.of(name)).allTopicNames()))
                .isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void describesTopicByNameAndById() throws Exception {
        // given
        String name = TopicNames.unique("described");
        Uuid id = broker.createTopic(name, 2);

        // when
        TopicDescription byName = describe(name);
        TopicDescription byId = admin().describeTopics(TopicCollection.ofTopicIds(List.of(id)))
                .allTopicIds().get(TIMEOUT_S, TimeUnit.SECONDS).get(id);

        // then
        assertThat(byName.topicId()).isEqualTo(id);
        assertThat(byName.isInternal()).isFalse();
        assertThat(byId.name()).isEqualTo(name);
        assertThat(byId.partitions()).extracting(TopicPartitionInfo::partition).containsExactly(0, 1);
    }

    @Test
    void listsCreatedTopics() throws Exception {
        // given
        String first = TopicNames.unique("listed");
        String second = TopicNames.unique("listed");
        broker.createTopic(first, 1);
        broker.createTopic(second, 1);

        // when
        var names = listNames();

        // then
        assertThat(names).contains(first, second);
    }

    @Test
    void deletesTopicByName() throws Exception {
        // given
        String name = TopicNames.unique("delete-by-name");
        broker.createTopic(name, 2);

        // when
        admin().deleteTopics(TopicCollection.ofTopicNames(List.of(name))).all().get(TIMEOUT_S, TimeUnit.SECONDS);

        // then
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(listNames()).doesNotContain(name));
        assertThat(failureOf(admin().describeTopics(List.of(name)).allTopicNames()))
                .isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void deletesTopicById() throws Exception {
        // given
        String name = TopicNames.unique("delete-by-id");
        Uuid id = broker.createTopic(name, 1);

        // when
        admin().deleteTopics(TopicCollection.ofTopicIds(List.of(id))).all().get(TIMEOUT_S, TimeUnit.SECONDS);

        // then
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(listNames()).doesNotContain(name));
        assertThat(failureOf(admin().describeTopics(TopicCollection.ofTopicIds(List.of(id))).allTopicIds()))
                .isInstanceOfAny(UnknownTopicIdException.class, UnknownTopicOrPartitionException.class);
    }

    @Test
    void deletingUnknownTopicFails() {
        // when
        Throwable failure = failureOf(admin().deleteTopics(List.of(TopicNames.unique("never-created"))).all());

        // then
        assertThat(failure).isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void growsPartitions() throws Exception {
        // given
        String name = TopicNames.unique("grown");
        broker.createTopic(name, 2);

        // when
        admin().createPartitions(Map.of(name, NewPartitions.increaseTo(5))).all().get(TIMEOUT_S, TimeUnit.SECONDS);

        // then
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(describe(name).partitions()).extracting(TopicPartitionInfo::partition)
                        .containsExactly(0, 1, 2, 3, 4));
    }

    @Test
    void refusesToShrinkPartitions() throws Exception {
        // given
        String name = TopicNames.unique("not-shrunk");
        broker.createTopic(name, 4);

        // when
        Throwable failure = failureOf(admin().createPartitions(Map.of(name, NewPartitions.increaseTo(2))).all());

        // then
        assertThat(failure).isInstanceOf(InvalidPartitionsException.class);
        assertThat(describe(name).partitions()).hasSize(4);
    }

    @Test
    void refusesReplicationFactorAboveBrokerCount() {
        // given
        String name = TopicNames.unique("rf3");

        // when
        Throwable failure = failureOf(admin().createTopics(List.of(new NewTopic(name, 1, (short) 3))).all());

        // then
        assertThat(failure).isInstanceOf(InvalidReplicationFactorException.class);
    }

    @Test
    void refusesInvalidTopicNames() {
        for (String invalid : List.of("bad/name", "..", "a".repeat(250), "spaces are bad")) {
            // when
            Throwable failure = failureOf(admin().createTopics(List.of(new NewTopic(invalid, 1, (short) 1))).all());

            // then
            assertThat(failure).as("topic name '%s'", invalid).isInstanceOf(InvalidTopicException.class);
        }
    }

    @Test
    void refusesDuplicateTopic() throws Exception {
        // given
        String name = TopicNames.unique("duplicate");
        broker.createTopic(name, 1);

        // when
        Throwable failure = failureOf(admin().createTopics(List.of(new NewTopic(name, 1, (short) 1))).all());

        // then
        assertThat(failure).isInstanceOf(TopicExistsException.class);
    }

    private TopicDescription describe(String name) throws Exception {
        return admin().describeTopics(List.of(name)).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS).get(name);
    }

    private Set<String> listNames() throws Exception {
        return admin().listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
