package io.tributary.it.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tributary.it.support.ChildProcessConsumer;
import io.tributary.it.support.GroupMember;
import io.tributary.it.support.Groups;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Classic-protocol groups ({@code group.protocol=classic}): sharing, leaving, crashing and joining members. */
class ConsumerGroupIT {

    private static final int PARTITIONS = 6;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @TempDir
    Path workDir;

    private final List<GroupMember> started = new ArrayList<>();

    @AfterEach
    void stopMembers() {
        started.forEach(GroupMember::close);
    }

    @ParameterizedTest
    @ValueSource(classes = {RangeAssignor.class, CooperativeStickyAssignor.class})
    void threeMembersShareSixPartitionsAndEachRecordIsDeliveredOnce(Class<?> assignor) throws Exception {
        // given
        String topic = newTopic("share");
        String group = Groups.uniqueGroupId("share");
        List<GroupMember> members = startMembers(group, topic, 3, assignor, Map.of());
        Groups.awaitBalanced(members, topic, PARTITIONS);

        // when
        List<String> sent = produce(topic, "share", 20);

        // then
        List<String> received = Groups.awaitReceived(members, sent);
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        for (GroupMember member : members) {
            assertThat(partitionsOf(member.received())).as("partitions read by %s", member)
                    .isSubsetOf(member.assignment());
        }
        awaitCommitted(group, topic, 20);
    }

    @ParameterizedTest
    @ValueSource(classes = {RangeAssignor.class, CooperativeStickyAssignor.class})
    void partitionsOfALeavingMemberMoveAndConsumptionResumesAtItsCommittedOffsets(Class<?> assignor) throws Exception {
        // given a settled group that has read and committed everything so far
        String topic = newTopic("leave");
        String group = Groups.uniqueGroupId("leave");
        List<GroupMember> members = startMembers(group, topic, 3, assignor, Map.of());
        Groups.awaitBalanced(members, topic, PARTITIONS);
        List<String> before = produce(topic, "before", 10);
        Groups.awaitReceived(members, before);
        awaitCommitted(group, topic, 10);
        GroupMember leaving = members.get(0);
        Set<TopicPartition> itsPartitions = leaving.assignment();
        List<GroupMember> staying = members.subList(1, 3);

        // when
        leaving.leave();
        List<String> after = produce(topic, "after", 10);

        // then
        Groups.awaitBalanced(staying, topic, PARTITIONS);
        assertThat(Groups.ownedBy(staying)).containsAll(itsPartitions);
        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(Groups.awaitReceived(members, all)).as("nothing lost, nothing read twice")
                .containsExactlyInAnyOrderElementsOf(all);
        awaitCommitted(group, topic, 20);
    }

    @Test
    void crashedMemberIsRemovedWhenItsSessionExpiresAndTheOthersTakeOver() throws Exception {
        // given a member in another JVM owning its share of the partitions
        String topic = newTopic("crash");
        String group = Groups.uniqueGroupId("crash");
        ChildProcessConsumer crashing = ChildProcessConsumer.start(workDir, broker.bootstrapServers(), group, topic, 6000);
        try (crashing) {
            await("child consumer joined").atMost(Groups.SETTLE_TIMEOUT)
                    .until(() -> crashing.latestAssignment().map(a -> !a.isEmpty()).orElse(false));
            List<GroupMember> survivors = startMembers(group, topic, 2, RangeAssignor.class, Map.of());
            await("three-way split").atMost(Groups.SETTLE_TIMEOUT).until(() ->
                    crashing.latestAssignment().orElseThrow().size() == 2
                            && survivors.stream().allMatch(m -> m.assignment().size() == 2)
                            && Groups.ownedBy(survivors).size() == 4);

            // when
            crashing.kill();
            List<String> afterCrash = produce(topic, "after-crash", 10);

            // then
            Groups.awaitBalanced(survivors, topic, PARTITIONS);
            assertThat(Groups.awaitReceived(survivors, afterCrash)).containsAll(afterCrash);
        }
    }

    @Test
    void memberThatStopsPollingLeavesAfterItsMaxPollIntervalAndTheOthersTakeOver() throws Exception {
        // given
        String topic = newTopic("stuck");
        String group = Groups.uniqueGroupId("stuck");
        GroupMember stuck = startMember("stuck", group, topic, RangeAssignor.class,
                Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 3000));
        List<GroupMember> others = startMembers(group, topic, 2, RangeAssignor.class, Map.of());
        List<GroupMember> all = new ArrayList<>(others);
        all.add(stuck);
        Groups.awaitBalanced(all, topic, PARTITIONS);

        // when
        stuck.stopPollingWithoutClosing();
        List<String> afterHang = produce(topic, "after-hang", 10);

        // then
        Groups.awaitBalanced(others, topic, PARTITIONS);
        assertThat(Groups.awaitReceived(others, afterHang)).containsAll(afterHang);
    }

    @ParameterizedTest
    @ValueSource(classes = {RangeAssignor.class, CooperativeStickyAssignor.class})
    void joiningMemberTriggersARebalanceThatGivesItAShare(Class<?> assignor) throws Exception {
        // given
        String topic = newTopic("join");
        String group = Groups.uniqueGroupId("join");
        List<GroupMember> existing = startMembers(group, topic, 2, assignor, Map.of());
        Groups.awaitBalanced(existing, topic, PARTITIONS);
        int generationBefore = existing.get(0).generation();
        List<Set<TopicPartition>> ownedBefore = existing.stream().map(GroupMember::assignment).collect(Collectors.toList());
        List<Integer> revocationsBefore = existing.stream().map(m -> m.revocations().size()).collect(Collectors.toList());

        // when
        GroupMember joining = startMember("joining", group, topic, assignor, Map.of());

        // then
        List<GroupMember> all = new ArrayList<>(existing);
        all.add(joining);
        Groups.awaitBalanced(all, topic, PARTITIONS);
        assertThat(joining.assignment()).hasSize(2);
        assertThat(existing.get(0).generation()).isGreaterThan(generationBefore);
        for (int i = 0; i < existing.size(); i++) {
            GroupMember member = existing.get(i);
            Set<TopicPartition> revokedSinceJoin = new HashSet<>();
            member.revocations().subList(revocationsBefore.get(i), member.revocations().size())
                    .forEach(revokedSinceJoin::addAll);
            if (assignor == CooperativeStickyAssignor.class) {
                // cooperative: a member keeps what it may keep and gives up only the partitions that move
                assertThat(ownedBefore.get(i)).as("%s before the join", member).containsAll(member.assignment());
                Set<TopicPartition> moved = new HashSet<>(ownedBefore.get(i));
                moved.removeAll(member.assignment());
                assertThat(revokedSinceJoin).as("revoked from %s", member).isEqualTo(moved);
            } else {
                // eager: every member gives up everything before the new assignment
                assertThat(revokedSinceJoin).as("revoked from %s", member).containsAll(ownedBefore.get(i));
            }
        }
    }

    private String newTopic(String purpose) throws Exception {
        String topic = TopicNames.unique(purpose);
        broker.createTopic(topic, PARTITIONS);
        return topic;
    }

    private List<String> produce(String topic, String prefix, int perPartition) throws Exception {
        return Producing.sendValues(broker.clients().producer(),
                Producing.acrossPartitions(topic, PARTITIONS, prefix, perPartition));
    }

    private List<GroupMember> startMembers(String group, String topic, int count, Class<?> assignor,
                                           Map<String, Object> overrides) {
        List<GroupMember> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(startMember("member-" + i, group, topic, assignor, overrides));
        }
        return members;
    }

    private GroupMember startMember(String name, String group, String topic, Class<?> assignor,
                                    Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(overrides);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignor.getName());
        GroupMember member = GroupMember.start(name, broker.clients().classicGroupConsumer(group, config), true, topic);
        started.add(member);
        return member;
    }

    private static void awaitCommitted(String group, String topic, long offsetPerPartition) {
        Map<TopicPartition, Long> expected = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            expected.put(new TopicPartition(topic, p), offsetPerPartition);
        }
        await("committed offsets of " + group).atMost(Groups.SETTLE_TIMEOUT).untilAsserted(() ->
                assertThat(Groups.committedPositions(broker.clients().admin(), group)).isEqualTo(expected));
    }

    private static Set<TopicPartition> partitionsOf(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> new TopicPartition(r.topic(), r.partition())).collect(Collectors.toSet());
    }
}
