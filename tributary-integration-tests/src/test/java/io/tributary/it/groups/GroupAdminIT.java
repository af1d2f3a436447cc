package io.tributary.it.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Futures;
import io.tributary.it.support.GroupMember;
import io.tributary.it.support.Groups;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.GroupSubscribedToTopicException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Admin client's consumer-group APIs: list (with filters), describe, delete groups, delete offsets. */
class GroupAdminIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    private final List<GroupMember> started = new ArrayList<>();

    @AfterEach
    void stopMembers() {
        started.forEach(GroupMember::close);
    }

    @Test
    void listConsumerGroupsReportsStateAndTypeAndFiltersByThem() throws Exception {
        // given
        String topic = newTopic("list", 2);
        String active = Groups.uniqueGroupId("list-active");
        String empty = Groups.uniqueGroupId("list-empty");
        awaitStable(startMember(active, topic), 2);
        emptyGroupWithCommits(empty, topic, 2, 1L, 1L);

        // when
        Map<String, ConsumerGroupListing> all = byId(Groups.list(admin(), new ListConsumerGroupsOptions()));
        Set<String> stable = ids(Groups.list(admin(), new ListConsumerGroupsOptions().inGroupStates(Set.of(GroupState.STABLE))));
        Set<String> emptyOnes = ids(Groups.list(admin(), new ListConsumerGroupsOptions().inGroupStates(Set.of(GroupState.EMPTY))));
        Set<String> classic = ids(Groups.list(admin(), new ListConsumerGroupsOptions().withTypes(Set.of(GroupType.CLASSIC))));
        Set<String> consumer = ids(Groups.list(admin(), new ListConsumerGroupsOptions().withTypes(Set.of(GroupType.CONSUMER))));

        // then
        assertThat(all).containsKeys(active, empty);
        assertThat(all.get(active).groupState()).contains(GroupState.STABLE);
        assertThat(all.get(empty).groupState()).contains(GroupState.EMPTY);
        assertThat(all.get(active).type()).contains(GroupType.CLASSIC);
        assertThat(all.get(active).isSimpleConsumerGroup()).isFalse();
        assertThat(stable).contains(active).doesNotContain(empty);
        assertThat(emptyOnes).contains(empty).doesNotContain(active);
        assertThat(classic).contains(active, empty);
        assertThat(consumer).doesNotContain(active, empty);
    }

    @Test
    void describeConsumerGroupsShowsMembersAssignmentsStateAndCoordinator() throws Exception {
        // given
        String topic = newTopic("describe", 4);
        String group = Groups.uniqueGroupId("describe");
        List<GroupMember> members = List.of(startMember(group, topic), startMember(group, topic));
        Groups.awaitBalanced(members, topic, 4);

        // when
        ConsumerGroupDescription description = Groups.describe(admin(), group);

        // then
        assertThat(description.groupId()).isEqualTo(group);
        assertThat(description.groupState()).isEqualTo(GroupState.STABLE);
        assertThat(description.type()).isEqualTo(GroupType.CLASSIC);
        assertThat(description.isSimpleConsumerGroup()).isFalse();
        assertThat(description.partitionAssignor()).isEqualTo("range");
        assertThat(description.coordinator().id()).isEqualTo(broker.nodeId());
        assertThat(description.coordinator().port()).isEqualTo(broker.port());
        assertThat(description.members()).hasSize(2).allSatisfy(member -> {
            assertThat(member.consumerId()).isNotBlank();
            assertThat(member.clientId()).isNotBlank();
            assertThat(member.host()).isNotBlank();
            assertThat(member.groupInstanceId()).isEmpty();
        });
        Set<Set<TopicPartition>> described = description.members().stream()
                .map(member -> member.assignment().topicPartitions()).collect(Collectors.toSet());
        Set<Set<TopicPartition>> owned = members.stream().map(GroupMember::assignment).collect(Collectors.toSet());
        assertThat(described).isEqualTo(owned);
    }

    @Test
    void deleteConsumerGroupsRefusesANonEmptyGroupAndDeletesAnEmptyOne() throws Exception {
        // given
        String topic = newTopic("delete", 1);
        String active = Groups.uniqueGroupId("delete-active");
        String empty = Groups.uniqueGroupId("delete-empty");
        awaitStable(startMember(active, topic), 1);
        emptyGroupWithCommits(empty, topic, 1, 5L);

        // when
        var result = admin().deleteConsumerGroups(List.of(active, empty));
        Throwable activeFailure = Futures.failureOf(result.deletedGroups().get(active));
        result.deletedGroups().get(empty).get(15, TimeUnit.SECONDS);

        // then
        assertThat(activeFailure).isInstanceOf(GroupNotEmptyException.class);
        assertThat(ids(Groups.list(admin(), new ListConsumerGroupsOptions()))).contains(active).doesNotContain(empty);
        assertThat(Groups.committedPositions(admin(), empty)).isEmpty();
        assertThat(Groups.describe(admin(), active).members()).hasSize(1);
    }

    @Test
    void deleteConsumerGroupOffsetsRemovesOffsetsOfAnEmptyGroupButNotOfATopicInUse() throws Exception {
        // given
        String topic = newTopic("delete-offsets", 2);
        String empty = Groups.uniqueGroupId("offsets-empty");
        String active = Groups.uniqueGroupId("offsets-active");
        emptyGroupWithCommits(empty, topic, 2, 3L, 4L);
        GroupMember member = startMember(active, topic);
        awaitStable(member, 2);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);

        // when
        admin().deleteConsumerGroupOffsets(empty, Set.of(p0)).all().get(15, TimeUnit.SECONDS);
        Throwable inUse = Futures.failureOf(admin().deleteConsumerGroupOffsets(active, Set.of(p0)).partitionResult(p0));

        // then
        assertThat(Groups.committedPositions(admin(), empty)).containsExactlyEntriesOf(Map.of(p1, 4L));
        assertThat(inUse).isInstanceOf(GroupSubscribedToTopicException.class);
    }

    private static Admin admin() {
        return broker.clients().admin();
    }

    private static String newTopic(String purpose, int partitions) throws Exception {
        String topic = TopicNames.unique(purpose);
        broker.createTopic(topic, partitions);
        return topic;
    }

    private GroupMember startMember(String group, String topic) {
        GroupMember member = GroupMember.start("member-" + started.size(), broker.clients().classicGroupConsumer(group),
                false, topic);
        started.add(member);
        return member;
    }

    private static void awaitStable(GroupMember member, int partitions) {
        await("assignment of " + member.name()).atMost(Groups.SETTLE_TIMEOUT)
                .until(() -> member.assignment().size() == partitions);
    }

    /** A real consumer-protocol group that committed the offsets and closed, leaving the group Empty. */
    private static void emptyGroupWithCommits(String group, String topic, int partitions, long... offsets) {
        KafkaConsumer<String, String> consumer = broker.clients().classicGroupConsumer(group);
        consumer.subscribe(List.of(topic));
        await("assignment of " + topic).atMost(Groups.SETTLE_TIMEOUT).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return consumer.assignment().size() == partitions;
        });
        Map<TopicPartition, OffsetAndMetadata> commits = Groups.offsets(topic, offsets);
        consumer.commitSync(commits);
        consumer.close();
    }

    private static Map<String, ConsumerGroupListing> byId(Collection<ConsumerGroupListing> listings) {
        return listings.stream().collect(Collectors.toMap(ConsumerGroupListing::groupId, listing -> listing));
    }

    private static Set<String> ids(Collection<ConsumerGroupListing> listings) {
        return listings.stream().map(ConsumerGroupListing::groupId).collect(Collectors.toSet());
    }
}
