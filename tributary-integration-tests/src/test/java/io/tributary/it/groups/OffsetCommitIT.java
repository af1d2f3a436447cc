package io.tributary.it.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.tributary.it.support.Consuming;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Futures;
import io.tributary.it.support.GroupMember;
import io.tributary.it.support.Groups;
import io.tributary.it.support.Producing;
import io.tributary.it.support.RawKafkaConnection;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Committing and reading back offsets: the consumer's commit calls, the Admin offset APIs, and fencing errors. */
class OffsetCommitIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void autoCommitCommitsThePositionOfWhatPollReturned() throws Exception {
        // given
        String topic = newTopic("auto-commit", 1);
        String group = Groups.uniqueGroupId("auto-commit");
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "auto", 10));
        KafkaConsumer<String, String> consumer = broker.clients().classicGroupConsumer(group, Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true, ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 200));

        // when
        consumer.subscribe(List.of(topic));
        Consuming.pollExactly(consumer, 10, Consuming.DEFAULT_TIMEOUT);

        // then the next polls commit in the background
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            consumer.poll(Duration.ofMillis(100));
            assertThat(Groups.committedPositions(broker.clients().admin(), group))
                    .containsExactlyEntriesOf(Map.of(new TopicPartition(topic, 0), 10L));
        });
    }

    @Test
    void commitSyncStoresOffsetsAndMetadataThatCommittedReadsBack() throws Exception {
        // given
        String topic = newTopic("commit-sync", 2);
        KafkaConsumer<String, String> consumer = subscribedAndAssigned(Groups.uniqueGroupId("commit-sync"), topic, 2);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);

        // when
        consumer.commitSync(Map.of(p0, new OffsetAndMetadata(3, "checkpoint-a"), p1, new OffsetAndMetadata(0, "")));

        // then
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(p0, p1));
        assertThat(committed.get(p0).offset()).isEqualTo(3);
        assertThat(committed.get(p0).metadata()).isEqualTo("checkpoint-a");
        assertThat(committed.get(p1).offset()).isZero();
        assertThat(committed.get(p1).metadata()).isEmpty();
    }

    @Test
    void commitAsyncCompletesItsCallbackAndTheOffsetIsReadBack() throws Exception {
        // given
        String topic = newTopic("commit-async", 1);
        KafkaConsumer<String, String> consumer = subscribedAndAssigned(Groups.uniqueGroupId("commit-async"), topic, 1);
        TopicPartition p0 = new TopicPartition(topic, 0);
        AtomicReference<Map<TopicPartition, OffsetAndMetadata>> completed = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();

        // when
        consumer.commitAsync(Map.of(p0, new OffsetAndMetadata(7, "async")), (offsets, exception) -> {
            completed.set(offsets);
            failure.set(exception);
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            consumer.poll(Duration.ofMillis(50)); // callbacks run inside the consumer's own calls
            return completed.get() != null;
        });

        // then
        assertThat(failure.get()).isNull();
        assertThat(consumer.committed(Set.of(p0)).get(p0)).isEqualTo(new OffsetAndMetadata(7, "async"));
    }

    @Test
    void restartedConsumerResumesAtTheCommittedOffset() throws Exception {
        // given a consumer that read and committed ten records, then closed
        String topic = newTopic("resume", 1);
        String group = Groups.uniqueGroupId("resume");
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "first", 10));
        KafkaConsumer<String, String> first = broker.clients().classicGroupConsumer(group);
        first.subscribe(List.of(topic));
        Consuming.pollExactly(first, 10, Consuming.DEFAULT_TIMEOUT);
        first.commitSync();
        first.close();
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "second", 5));

        // when
        KafkaConsumer<String, String> restarted = broker.clients().classicGroupConsumer(group);
        restarted.subscribe(List.of(topic));
        List<ConsumerRecord<String, String>> records = Consuming.pollExactly(restarted, 5, Consuming.DEFAULT_TIMEOUT);

        // then
        assertThat(Consuming.offsets(records)).containsExactly(10L, 11L, 12L, 13L, 14L);
        assertThat(Consuming.values(records)).containsExactlyElementsOf(Producing.numberedValues("second", 0, 5));
    }

    @Test
    void commitToATopicThatDoesNotExistFailsWithUnknownTopicOrPartition() throws Exception {
        // given
        String topic = newTopic("commit-missing", 1);
        KafkaConsumer<String, String> consumer = broker.clients().classicGroupConsumer(Groups.uniqueGroupId("missing"));
        consumer.assign(List.of(new TopicPartition(topic, 0)));
        Map<TopicPartition, OffsetAndMetadata> missing =
                Map.of(new TopicPartition(TopicNames.unique("no-such-topic"), 0), new OffsetAndMetadata(1));
        AtomicReference<Exception> asyncFailure = new AtomicReference<>();

        // when: commitSync retries the retriable error until its timeout, commitAsync reports it once
        Throwable syncFailure = catchThrowable(() -> consumer.commitSync(missing, Duration.ofSeconds(2)));
        consumer.commitAsync(missing, (offsets, exception) -> asyncFailure.set(exception));
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            consumer.poll(Duration.ofMillis(50));
            return asyncFailure.get() != null;
        });

        // then
        assertThat(syncFailure).isInstanceOf(TimeoutException.class);
        assertThat(asyncFailure.get()).isInstanceOf(RetriableCommitFailedException.class)
                .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void memberMayStillCommitWhileItsGroupPreparesARebalance() throws Exception {
        // given a member that has not yet rejoined a rebalance a second member started
        String topic = newTopic("commit-preparing", 2);
        String group = Groups.uniqueGroupId("preparing");
        KafkaConsumer<String, String> consumer = subscribedAndAssigned(group, topic, 2);
        GroupMember second = GroupMember.start("second", broker.clients().classicGroupConsumer(group), false, topic);
        try (second) {
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    Groups.describe(broker.clients().admin(), group).groupState() == GroupState.PREPARING_REBALANCE);
            TopicPartition p0 = new TopicPartition(topic, 0);

            // when (Kafka accepts this so members can commit in onPartitionsRevoked)
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(1, "revoking")));

            // then
            assertThat(consumer.committed(Set.of(p0)).get(p0)).isEqualTo(new OffsetAndMetadata(1, "revoking"));
        }
    }

    @Test
    void memberRemovedFromTheGroupCannotCommit() throws Exception {
        // given a member whose slow heartbeats have not yet told it that it was removed
        String topic = newTopic("commit-removed", 1);
        String group = Groups.uniqueGroupId("removed");
        KafkaConsumer<String, String> consumer = subscribedAndAssigned(group, topic, 1,
                Map.of(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3000));
        broker.clients().admin().removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions())
                .all().get(15, TimeUnit.SECONDS);

        // when (the broker answers UNKNOWN_MEMBER_ID, or the client already knows it was kicked out)
        Throwable failure = catchThrowable(() ->
                consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1))));

        // then
        assertThat(failure).isInstanceOf(CommitFailedException.class);
    }

    @Test
    void staleGenerationAndUnknownMemberAreFencedWithKafkasErrorCodes() throws Exception {
        // given a one-member group at its first generation
        String topic = newTopic("commit-fenced", 1);
        TopicPartition p0 = new TopicPartition(topic, 0);
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", broker.port())) {
            RawClassicMember member = new RawClassicMember(connection, Groups.uniqueGroupId("fenced"));
            member.awaitCoordinator();
            member.joinAndSync(p0);
            int generation = member.generationId();

            // when
            Errors current = member.commit(member.memberId(), generation, p0, 1);
            Errors stale = member.commit(member.memberId(), generation - 1, p0, 2);
            Errors unknownMember = member.commit("not-a-member", generation, p0, 3);
            Errors staleHeartbeat = member.heartbeat(member.memberId(), generation - 1);
            Errors heartbeat = member.heartbeat(member.memberId(), generation);

            // then
            assertThat(current).isEqualTo(Errors.NONE);
            assertThat(stale).isEqualTo(Errors.ILLEGAL_GENERATION);
            assertThat(unknownMember).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
            assertThat(staleHeartbeat).isEqualTo(Errors.ILLEGAL_GENERATION);
            assertThat(heartbeat).isEqualTo(Errors.NONE);
        }
    }

    @Test
    void adminListsAndAltersOffsetsOfAnEmptyGroupButNotOfAnActiveOne() throws Exception {
        // given a group with one active member
        String topic = newTopic("admin-offsets", 2);
        String group = Groups.uniqueGroupId("admin-offsets");
        GroupMember member = GroupMember.start("only", broker.clients().classicGroupConsumer(group), false, topic);
        await().atMost(Groups.SETTLE_TIMEOUT).until(() -> member.assignment().size() == 2);
        Map<TopicPartition, OffsetAndMetadata> wanted = Map.of(
                new TopicPartition(topic, 0), new OffsetAndMetadata(4, "set-by-admin"),
                new TopicPartition(topic, 1), new OffsetAndMetadata(2));

        // when
        Throwable whileActive = Futures.failureOf(broker.clients().admin().alterConsumerGroupOffsets(group, wanted).all());
        member.leave();
        broker.clients().admin().alterConsumerGroupOffsets(group, wanted).all().get(15, TimeUnit.SECONDS);

        // then
        assertThat(whileActive).isInstanceOf(UnknownMemberIdException.class);
        assertThat(Groups.committedOffsets(broker.clients().admin(), group)).isEqualTo(wanted);
    }

    private static String newTopic(String purpose, int partitions) throws Exception {
        String topic = TopicNames.unique(purpose);
        broker.createTopic(topic, partitions);
        return topic;
    }

    private static KafkaConsumer<String, String> subscribedAndAssigned(String group, String topic, int partitions) {
        return subscribedAndAssigned(group, topic, partitions, Map.of());
    }

    /** A subscribed consumer polled (on this thread) until the group gave it all the topic's partitions. */
    private static KafkaConsumer<String, String> subscribedAndAssigned(String group, String topic, int partitions,
                                                                       Map<String, Object> overrides) {
        KafkaConsumer<String, String> consumer = broker.clients().classicGroupConsumer(group, overrides);
        consumer.subscribe(List.of(topic));
        await("assignment of " + topic).atMost(Groups.SETTLE_TIMEOUT).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return consumer.assignment().size() == partitions;
        });
        return consumer;
    }
}
