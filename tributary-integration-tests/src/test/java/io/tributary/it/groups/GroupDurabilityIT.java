package io.tributary.it.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.ChildProcessBroker;
import io.tributary.it.support.Consuming;
import io.tributary.it.support.Groups;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TestClients;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group state lives in __consumer_offsets: it must come back after SIGKILL and a restart on the same log dir. */
class GroupDurabilityIT {

    private static final Map<String, String> DURABLE = Map.of("tributary.durable", "true");

    @TempDir
    Path workDir;

    @Test
    void committedOffsetsAndTheEmptyGroupSurviveSigkill() throws Exception {
        try (ChildProcessBroker broker = new ChildProcessBroker(workDir, DURABLE)) {
            // given a group that read ten records, committed with metadata and closed
            broker.start();
            String topic = TopicNames.unique("durable-offsets");
            String group = Groups.uniqueGroupId("durable");
            TopicPartition p0 = new TopicPartition(topic, 0);
            TopicPartition p1 = new TopicPartition(topic, 1);
            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                createTopic(clients, topic, 2);
                Producing.sendAll(clients.producer(), Producing.numbered(topic, 0, "before", 10));
                KafkaConsumer<String, String> consumer = clients.classicGroupConsumer(group);
                consumer.subscribe(List.of(topic));
                Consuming.pollExactly(consumer, 10, Consuming.DEFAULT_TIMEOUT);
                consumer.commitSync(Map.of(p0, new OffsetAndMetadata(10, "ten"), p1, new OffsetAndMetadata(0, "none")));
                consumer.close();
            }

            // when
            broker.kill();
            broker.start();

            // then
            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                assertThat(Groups.committedOffsets(clients.admin(), group)).isEqualTo(Map.of(
                        p0, new OffsetAndMetadata(10, "ten"), p1, new OffsetAndMetadata(0, "none")));
                ConsumerGroupListing listing = Groups.list(clients.admin(), new ListConsumerGroupsOptions()).stream()
                        .filter(g -> g.groupId().equals(group)).findFirst().orElseThrow();
                assertThat(listing.groupState()).contains(GroupState.EMPTY);

                // and a new member resumes where the group left off
                Producing.sendAll(clients.producer(), Producing.numbered(topic, 0, "after", 3));
                KafkaConsumer<String, String> resumed = clients.classicGroupConsumer(group);
                resumed.subscribe(List.of(topic));
                List<ConsumerRecord<String, String>> records = Consuming.pollExactly(resumed, 3, Consuming.DEFAULT_TIMEOUT);
                assertThat(Consuming.offsets(records)).containsExactly(10L, 11L, 12L);
            }
        }
    }

    @Test
    void deletedGroupsAndDeletedOffsetsStayDeletedAfterSigkill() throws Exception {
        try (ChildProcessBroker broker = new ChildProcessBroker(workDir, DURABLE)) {
            // given one group deleted and another with one of its two offsets deleted
            broker.start();
            String topic = TopicNames.unique("durable-deletes");
            String deletedGroup = Groups.uniqueGroupId("deleted");
            String trimmedGroup = Groups.uniqueGroupId("trimmed");
            TopicPartition p0 = new TopicPartition(topic, 0);
            TopicPartition p1 = new TopicPartition(topic, 1);
            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                createTopic(clients, topic, 2);
                clients.admin().alterConsumerGroupOffsets(deletedGroup, Groups.offsets(topic, 1, 1)).all()
                        .get(15, TimeUnit.SECONDS);
                clients.admin().alterConsumerGroupOffsets(trimmedGroup, Groups.offsets(topic, 2, 2)).all()
                        .get(15, TimeUnit.SECONDS);
                clients.admin().deleteConsumerGroups(List.of(deletedGroup)).all().get(15, TimeUnit.SECONDS);
                clients.admin().deleteConsumerGroupOffsets(trimmedGroup, Set.of(p0)).all().get(15, TimeUnit.SECONDS);
            }

            // when
            broker.kill();
            broker.start();

            // then
            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                        assertThat(Groups.committedPositions(clients.admin(), trimmedGroup))
                                .containsExactlyEntriesOf(Map.of(p1, 2L)));
                assertThat(Groups.committedPositions(clients.admin(), deletedGroup)).isEmpty();
                assertThat(Groups.list(clients.admin(), new ListConsumerGroupsOptions()))
                        .extracting(ConsumerGroupListing::groupId).doesNotContain(deletedGroup);
            }
        }
    }

    private static void createTopic(TestClients clients, String topic, int partitions) throws Exception {
        clients.admin().createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(15, TimeUnit.SECONDS);
    }
}
