package io.tributary.coordinator.group;

import static io.tributary.coordinator.group.ConsumerHeartbeats.assigned;
import static io.tributary.coordinator.group.ConsumerHeartbeats.partitions;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class ConsumerGroupHeartbeatTest {

    private final GroupCoordinatorTestContext ctx = GroupCoordinatorTestContext.builder().topic("orders", 4).build();
    private final ConsumerHeartbeats consumers = new ConsumerHeartbeats(ctx);
    private final Uuid orders = ctx.topics.id("orders");

    @Test
    void aSingleMemberGetsEveryPartition() {
        // when
        ConsumerGroupHeartbeatResponseData joined = consumers.join("g", "a", "orders");

        // then
        assertThat(joined.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(joined.memberId()).isEqualTo("a");
        assertThat(joined.memberEpoch()).isEqualTo(1);
        assertThat(joined.heartbeatIntervalMs()).isEqualTo(ctx.config.consumerHeartbeatIntervalMs());
        assertThat(assigned(joined)).isEqualTo(Map.of(orders, partitions(0, 1, 2, 3)));
        ConsumerGroupDescribeResponseData.DescribedGroup described = consumers.describe("g");
        assertThat(described.groupState()).isEqualTo("Stable");
        assertThat(described.groupEpoch()).isEqualTo(1);
        assertThat(described.assignmentEpoch()).isEqualTo(1);
        assertThat(described.assignorName()).isEqualTo("uniform");
        assertThat(described.members()).singleElement().satisfies(member -> {
            assertThat(member.memberEpoch()).isEqualTo(1);
            assertThat(member.clientId()).isEqualTo("client");
            assertThat(member.clientHost()).isEqualTo("/127.0.0.1");
            assertThat(member.subscribedTopicNames()).containsExactly("orders");
            assertThat(member.assignment().topicPartitions()).singleElement().satisfies(tp -> {
                assertThat(tp.topicName()).isEqualTo("orders");
                assertThat(tp.partitions()).containsExactly(0, 1, 2, 3);
            });
        });
    }

    @Test
    void aSecondMemberGetsItsShareOnceTheFirstRevokedIt() {
        // given
        consumers.join("g", "a", "orders");

        // when b joins: its partitions are still owned by a
        ConsumerGroupHeartbeatResponseData bJoined = consumers.join("g", "b", "orders");

        // then b is at the new epoch but waits for them
        assertThat(bJoined.memberEpoch()).isEqualTo(2);
        assertThat(assigned(bJoined)).isEmpty();
        assertThat(consumers.describe("g").groupState()).isEqualTo("Reconciling");

        // when a heartbeats owning everything: it must revoke first, staying at epoch 1
        ConsumerGroupHeartbeatResponseData revoke = consumers.heartbeat("g", "a", 1,
                Map.of(orders, partitions(0, 1, 2, 3)));
        assertThat(revoke.memberEpoch()).isEqualTo(1);
        Map<Uuid, java.util.Set<Integer>> kept = assigned(revoke);
        assertThat(kept.get(orders)).hasSize(2);

        // when a confirms the revocation
        ConsumerGroupHeartbeatResponseData aDone = consumers.heartbeat("g", "a", 1, kept);
        ConsumerGroupHeartbeatResponseData bDone = consumers.heartbeat("g", "b", 2, Map.of());

        // then both are at epoch 2 with two partitions each
        assertThat(aDone.memberEpoch()).isEqualTo(2);
        assertThat(aDone.assignment()).isNull(); // unchanged since the last answer
        assertThat(bDone.memberEpoch()).isEqualTo(2);
        assertThat(assigned(bDone).get(orders)).hasSize(2).doesNotContainAnyElementsOf(kept.get(orders));
        assertThat(consumers.describe("g").groupState()).isEqualTo("Stable");
    }

    @Test
    void whenAMemberLeavesTheOtherGetsItsPartitions() {
        // given
        stableGroupOfTwo();

        // when
        ConsumerGroupHeartbeatResponseData left = consumers.leave("g", "b", -1);
        ConsumerGroupHeartbeatResponseData a = consumers.heartbeat("g", "a", 2, null);

        // then
        assertThat(left.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(left.memberEpoch()).isEqualTo(-1);
        assertThat(a.memberEpoch()).isEqualTo(3);
        assertThat(assigned(a)).isEqualTo(Map.of(orders, partitions(0, 1, 2, 3)));
        assertThat(consumers.describe("g").members()).extracting(m -> m.memberId()).containsExactly("a");
    }

    @Test
    void aMemberThatStopsHeartbeatingIsRemovedAfterTheSessionTimeout() {
        // given
        stableGroupOfTwo();
        int session = ctx.config.consumerSessionTimeoutMs();

        // when only a keeps heartbeating
        ctx.advance(session / 2);
        consumers.heartbeat("g", "a", 2, null);
        ctx.advance(session / 2 + 1);
        ConsumerGroupHeartbeatResponseData a = consumers.heartbeat("g", "a", 2, null);

        // then
        assertThat(a.memberEpoch()).isEqualTo(3);
        assertThat(assigned(a)).isEqualTo(Map.of(orders, partitions(0, 1, 2, 3)));
        assertThat(consumers.heartbeat("g", "b", 2, null).errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void aMemberThatDoesNotRevokeWithinItsRebalanceTimeoutIsFenced() {
        // given a owes b two partitions
        consumers.join("g", "a", "orders");
        consumers.join("g", "b", "orders");
        consumers.heartbeat("g", "a", 1, Map.of(orders, partitions(0, 1, 2, 3)));

        // when a keeps them past its rebalance timeout (while heartbeating)
        ctx.advance(ConsumerHeartbeats.REBALANCE_TIMEOUT / 2);
        consumers.heartbeat("g", "a", 1, null);
        consumers.heartbeat("g", "b", 2, null);
        ctx.advance(ConsumerHeartbeats.REBALANCE_TIMEOUT / 2 + 1);

        // then
        assertThat(consumers.heartbeat("g", "a", 1, null).errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(assigned(consumers.heartbeat("g", "b", 2, Map.of()))).isEqualTo(Map.of(orders,
                partitions(0, 1, 2, 3)));
    }

    @Test
    void epochsAndMemberIdsAreChecked() {
        // given
        consumers.join("g", "a", "orders");

        // when / then
        assertThat(consumers.heartbeat("g", "a", 5, null).errorCode())
                .isEqualTo(Errors.FENCED_MEMBER_EPOCH.code());
        assertThat(consumers.heartbeat("g", "nobody", 1, null).errorCode())
                .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(consumers.heartbeat("unknown-group", "a", 1, null).errorCode())
                .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(consumers.heartbeat("g", "a", 1, null).errorCode()).isEqualTo(Errors.NONE.code());
    }

    @Test
    void aJoinMissingMandatoryFieldsOrWithAnUnknownAssignorIsRejected() {
        // when
        var noTimeout = consumers.send(ConsumerHeartbeats.joinRequest("g", "a", "orders").setRebalanceTimeoutMs(-1));
        var noPartitions = consumers.send(ConsumerHeartbeats.joinRequest("g", "a", "orders").setTopicPartitions(null));
        var noSubscription = consumers.send(ConsumerHeartbeats.joinRequest("g", "a").setSubscribedTopicNames(null));
        var badAssignor = consumers.send(ConsumerHeartbeats.joinRequest("g", "a", "orders").setServerAssignor("x"));

        // then
        assertThat(noTimeout.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(noPartitions.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(noSubscription.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(badAssignor.errorCode()).isEqualTo(Errors.UNSUPPORTED_ASSIGNOR.code());
        assertThat(consumers.describe("g").errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
    }

    @Test
    void addedPartitionsAreAssignedWhenTopicsChange() {
        // given
        consumers.join("g", "a", "orders");

        // when
        ctx.topics.grow("orders", 6);
        ctx.service.onTopicsChanged();
        ConsumerGroupHeartbeatResponseData a = consumers.heartbeat("g", "a", 1, null);

        // then
        assertThat(a.memberEpoch()).isEqualTo(2);
        assertThat(assigned(a)).isEqualTo(Map.of(orders, partitions(0, 1, 2, 3, 4, 5)));
        assertThat(consumers.describe("g").groupEpoch()).isEqualTo(2);
    }

    @Test
    void aRegexSubscriptionCoversMatchingTopicsIncludingNewOnes() {
        // given
        ConsumerGroupHeartbeatResponseData a = consumers.send(ConsumerHeartbeats.joinRequest("g", "a")
                .setSubscribedTopicNames(null).setSubscribedTopicRegex("ord.*"));
        assertThat(assigned(a)).isEqualTo(Map.of(orders, partitions(0, 1, 2, 3)));

        // when
        ctx.topics.add("ordinals", 1);
        ctx.service.onTopicsChanged();
        ConsumerGroupHeartbeatResponseData after = consumers.heartbeat("g", "a", 1, null);

        // then
        assertThat(assigned(after)).isEqualTo(Map.of(orders, partitions(0, 1, 2, 3),
                ctx.topics.id("ordinals"), partitions(0)));
    }

    @Test
    void theGroupAndItsAssignmentsSurviveAReload() {
        // given
        stableGroupOfTwo();
        ConsumerGroupDescribeResponseData.DescribedGroup before = consumers.describe("g");

        // when
        ctx.restart();

        // then
        ConsumerGroupDescribeResponseData.DescribedGroup after = consumers.describe("g");
        assertThat(after).isEqualTo(before);
        assertThat(consumers.heartbeat("g", "a", 2, null).errorCode()).isEqualTo(Errors.NONE.code());
        ConsumerGroupHeartbeatResponseData c = consumers.join("g", "c", "orders");
        assertThat(c.memberEpoch()).isEqualTo(3);
    }

    private void stableGroupOfTwo() {
        consumers.join("g", "a", "orders");
        consumers.join("g", "b", "orders");
        Map<Uuid, java.util.Set<Integer>> kept = assigned(consumers.heartbeat("g", "a", 1,
                Map.of(orders, partitions(0, 1, 2, 3))));
        consumers.heartbeat("g", "a", 1, kept);
        consumers.heartbeat("g", "b", 2, Map.of());
        assertThat(consumers.describe("g").groupState()).isEqualTo("Stable");
        assertThat(consumers.describe("g").members()).allSatisfy(m -> assertThat(m.memberEpoch()).isEqualTo(2));
        assertThat(List.of(consumers.describe("g").groupEpoch())).containsExactly(2);
    }
}
