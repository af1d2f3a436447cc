package io.tributary.it.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.GroupMember;
import io.tributary.it.support.Groups;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Static membership (KIP-345, {@code group.instance.id}): a static member that closes sends no LeaveGroup, so a
 * restart within the session timeout takes its old place without a rebalance.
 */
class StaticMembershipIT {

    private static final int PARTITIONS = 4;
    private static final int SESSION_TIMEOUT_MS = 10_000;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    private final List<GroupMember> started = new ArrayList<>();

    @AfterEach
    void stopMembers() {
        started.forEach(GroupMember::close);
    }

    @Test
    void restartWithinTheSessionTimeoutKeepsThePartitionsWithoutRebalancingTheOthers() throws Exception {
        // given
        String topic = newTopic("static-restart");
        String group = Groups.uniqueGroupId("static-restart");
        GroupMember restarting = startStatic("a", group, topic, SESSION_TIMEOUT_MS);
        GroupMember other = startStatic("b", group, topic, SESSION_TIMEOUT_MS);
        Groups.awaitBalanced(List.of(restarting, other), topic, PARTITIONS);
        Set<TopicPartition> ownedBefore = restarting.assignment();
        int generationBefore = other.generation();
        int rebalancesOfOtherBefore = other.completedRebalances();

        // when
        restarting.leave(); // a static member's close does not leave the group
        GroupMember restarted = startStatic("a", group, topic, SESSION_TIMEOUT_MS);

        // then
        await("restarted member's assignment").atMost(Duration.ofSeconds(15))
                .until(() -> !restarted.assignment().isEmpty());
        assertThat(restarted.assignment()).as("partitions of the restarted static member").isEqualTo(ownedBefore);
        assertThat(restarted.generation()).as("generation handed to the restarted static member")
                .isEqualTo(generationBefore);
        // a rebalance would reach the other member with its next 500 ms heartbeat: none comes for 1.5 s
        await("the other member keeps its generation").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    assertThat(other.generation()).as("generation seen by the other member")
                            .isEqualTo(generationBefore);
                    assertThat(other.completedRebalances()).as("rebalances of the other member")
                            .isEqualTo(rebalancesOfOtherBefore);
                });
        ConsumerGroupDescription description = Groups.describe(broker.clients().admin(), group);
        assertThat(description.members()).extracting(MemberDescription::groupInstanceId)
                .containsExactlyInAnyOrder(Optional.of("a"), Optional.of("b"));
    }

    @Test
    void staticMemberGoneLongerThanItsSessionTimeoutIsRemovedAndItsPartitionsMove() throws Exception {
        // given
        String topic = newTopic("static-gone");
        String group = Groups.uniqueGroupId("static-gone");
        GroupMember leaving = startStatic("a", group, topic, 6000);
        GroupMember staying = startStatic("b", group, topic, 6000);
        Groups.awaitBalanced(List.of(leaving, staying), topic, PARTITIONS);

        // when
        leaving.leave(); // no LeaveGroup: only the session timeout can remove it
        long closedAt = System.nanoTime();

        // then
        Groups.awaitBalanced(List.of(staying), topic, PARTITIONS);
        long tookMs = (System.nanoTime() - closedAt) / 1_000_000;
        assertThat(tookMs).as("time until the partitions moved (a leave would be immediate)").isGreaterThan(4000);
        ConsumerGroupDescription description = Groups.describe(broker.clients().admin(), group);
        assertThat(description.members().stream().map(m -> m.groupInstanceId().orElse(null)).collect(Collectors.toList()))
                .containsExactly("b");
    }

    private String newTopic(String purpose) throws Exception {
        String topic = TopicNames.unique(purpose);
        broker.createTopic(topic, PARTITIONS);
        return topic;
    }

    private GroupMember startStatic(String instanceId, String group, String topic, int sessionTimeoutMs) {
        GroupMember member = GroupMember.start(instanceId, broker.clients().classicGroupConsumer(group, Map.of(
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs)), true, topic);
        started.add(member);
        return member;
    }
}
