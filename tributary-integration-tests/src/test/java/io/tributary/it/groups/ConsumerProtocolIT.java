package io.tributary.it.groups;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.GroupMember;
import io.tributary.it.support.Groups;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KIP-848 groups ({@code group.protocol=consumer}): the broker computes assignments and members reconcile through
 * ConsumerGroupHeartbeat. A short broker heartbeat interval keeps reconciliation quick.
 */
@Tag("kip848")
class ConsumerProtocolIT {

    private static final int PARTITIONS = 4;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder()
            .config("group.consumer.heartbeat.interval.ms", 500)
            .config("group.consumer.min.heartbeat.interval.ms", 500)
            .build();

    private final List<GroupMember> started = new ArrayList<>();

    @AfterEach
    void stopMembers() {
        started.forEach(GroupMember::close);
    }

    @Test
    void twoMembersShareThePartitionsAndTheSurvivorGetsAllWhenOneLeaves() throws Exception {
        // given
        String topic = TopicNames.unique("kip848-share");
        broker.createTopic(topic, PARTITIONS);
        String group = Groups.uniqueGroupId("kip848-share");
        GroupMember leaving = start("leaving", group, topic);
        GroupMember staying = start("staying", group, topic);
        Groups.awaitBalanced(List.of(leaving, staying), topic, PARTITIONS);
        List<String> before = Producing.sendValues(broker.clients().producer(),
                Producing.acrossPartitions(topic, PARTITIONS, "before", 5));
        assertThat(Groups.awaitReceived(List.of(leaving, staying), before)).containsExactlyInAnyOrderElementsOf(before);

        // when
        leaving.leave();
        List<String> after = Producing.sendValues(broker.clients().producer(),
                Producing.acrossPartitions(topic, PARTITIONS, "after", 5));

        // then
        Groups.awaitBalanced(List.of(staying), topic, PARTITIONS);
        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(Groups.awaitReceived(List.of(leaving, staying), all)).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void describeConsumerGroupsShowsAConsumerTypeGroupWithItsMembers() throws Exception {
        // given
        String topic = TopicNames.unique("kip848-describe");
        broker.createTopic(topic, PARTITIONS);
        String group = Groups.uniqueGroupId("kip848-describe");
        List<GroupMember> members = List.of(start("a", group, topic), start("b", group, topic));
        Groups.awaitBalanced(members, topic, PARTITIONS);

        // when
        ConsumerGroupDescription description = Groups.describe(broker.clients().admin(), group);

        // then
        assertThat(description.type()).isEqualTo(GroupType.CONSUMER);
        assertThat(description.groupState()).isEqualTo(GroupState.STABLE);
        assertThat(description.coordinator().id()).isEqualTo(broker.nodeId());
        assertThat(description.groupEpoch()).hasValueSatisfying(epoch -> assertThat(epoch).isPositive());
        assertThat(description.members()).hasSize(2);
        Set<Set<TopicPartition>> described = description.members().stream()
                .map(member -> member.assignment().topicPartitions()).collect(Collectors.toSet());
        assertThat(described).isEqualTo(members.stream().map(GroupMember::assignment).collect(Collectors.toSet()));
    }

    private GroupMember start(String name, String group, String topic) {
        GroupMember member = GroupMember.start(name, broker.clients().consumerProtocolConsumer(group, Map.of()), true,
                topic);
        started.add(member);
        return member;
    }
}
