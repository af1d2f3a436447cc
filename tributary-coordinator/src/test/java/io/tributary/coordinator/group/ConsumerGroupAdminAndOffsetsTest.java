package io.tributary.coordinator.group;

import static io.tributary.coordinator.group.ConsumerHeartbeats.assigned;
import static io.tributary.coordinator.group.ConsumerHeartbeats.partitions;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.context;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.errorOf;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.joinRequest;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.partition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class ConsumerGroupAdminAndOffsetsTest {

    private final GroupCoordinatorTestContext ctx = GroupCoordinatorTestContext.builder().topic("orders", 2)
            .topic("audit", 1).build();
    private final ConsumerHeartbeats consumers = new ConsumerHeartbeats(ctx);
    private final Uuid orders = ctx.topics.id("orders");

    @Test
    void offsetsAreCommittedAndFetchedWithTheMemberEpoch() {
        // given
        consumers.join("g", "a", "orders");

        // when
        short committed = errorOf(ctx.commit("g", "a", 1, "orders", 0, 42, ""));
        short stale = errorOf(ctx.commit("g", "a", 0, "orders", 0, 43, ""));
        short unknown = errorOf(ctx.commit("g", "nobody", 1, "orders", 0, 44, ""));
        short admin = errorOf(ctx.commit("g", "", -1, "orders", 0, 45, ""));

        // then
        assertThat(committed).isEqualTo(Errors.NONE.code());
        assertThat(stale).isEqualTo(Errors.STALE_MEMBER_EPOCH.code());
        assertThat(unknown).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(admin).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code()); // the group has members
        assertThat(fetch("a", 1).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(partition(fetch("a", 1), 0).committedOffset()).isEqualTo(42L);
        assertThat(fetch("a", 7).errorCode()).isEqualTo(Errors.STALE_MEMBER_EPOCH.code());
        assertThat(fetch(null, -1).errorCode()).isEqualTo(Errors.NONE.code());
    }

    @Test
    void offsetCommitBeforeV9IsRefusedToAMemberOfThisProtocol() {
        // given
        consumers.join("g", "a", "orders");

        // when: OffsetCommit v8 carries no member epoch
        short member = errorOf(ctx.commit((short) 8, "g", "a", 1, "orders", 0, 42, ""));
        short unknown = errorOf(ctx.commit((short) 8, "g", "nobody", 1, "orders", 0, 42, ""));

        // then
        assertThat(member).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
        assertThat(unknown).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(partition(ctx.fetch("g", "orders", 0), 0).committedOffset()).isEqualTo(-1L);
    }

    @Test
    void listGroupsReportsConsumerGroupsWithTheirType() {
        // given
        consumers.join("kip848", "a", "orders");
        ctx.simpleCommit("simple", "orders", 0, 1);

        // when
        ListGroupsResponseData consumer = list(List.of("consumer"));
        ListGroupsResponseData classic = list(List.of("classic"));

        // then
        assertThat(consumer.groups()).singleElement().satisfies(g -> {
            assertThat(g.groupId()).isEqualTo("kip848");
            assertThat(g.groupType()).isEqualTo("consumer");
            assertThat(g.protocolType()).isEqualTo("consumer");
            assertThat(g.groupState()).isEqualTo("Stable");
        });
        assertThat(classic.groups()).extracting(ListGroupsResponseData.ListedGroup::groupId).containsExactly("simple");
    }

    @Test
    void describeGroupsAnswersForAConsumerGroupAsForAGroupOfTheWrongType() {
        // given
        consumers.join("g", "a", "orders");

        // when
        DescribeGroupsResponseData.DescribedGroup described = ctx.service.describeGroups(
                context(ApiKeys.DESCRIBE_GROUPS), List.of("g")).join().get(0);

        // then
        assertThat(described.errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        assertThat(described.errorMessage()).contains("not a classic group");
    }

    @Test
    void aConsumerGroupIsDeletedOnlyOnceEmptyAndStaysDeletedAfterAReload() {
        // given
        consumers.join("g", "a", "orders");
        ctx.commit("g", "a", 1, "orders", 0, 42, "");

        // when
        short whileActive = deleteGroup();
        consumers.leave("g", "a", -1);
        short onceEmpty = deleteGroup();
        ctx.restart();

        // then
        assertThat(whileActive).isEqualTo(Errors.NON_EMPTY_GROUP.code());
        assertThat(onceEmpty).isEqualTo(Errors.NONE.code());
        assertThat(consumers.describe("g").errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        assertThat(partition(ctx.fetch("g", "orders", 0), 0).committedOffset()).isEqualTo(-1L);
    }

    @Test
    void offsetDeleteRefusesTopicsTheGroupSubscribesTo() {
        // given
        consumers.join("g", "a", "orders");
        ctx.commit("g", "a", 1, "orders", 0, 1, "");
        ctx.commit("g", "", -1, "audit", 0, 1, ""); // refused: the group has members
        consumers.leave("g", "a", -1);
        ctx.commit("g", "", -1, "audit", 0, 1, "");
        consumers.join("g", "b", "orders");

        // when
        short subscribed = deleteOffset("orders");
        short unsubscribed = deleteOffset("audit");

        // then
        assertThat(subscribed).isEqualTo(Errors.GROUP_SUBSCRIBED_TO_TOPIC.code());
        assertThat(unsubscribed).isEqualTo(Errors.NONE.code());
        assertThat(partition(ctx.fetch("g", "audit", 0), 0).committedOffset()).isEqualTo(-1L);
    }

    @Test
    void anEmptyClassicGroupBecomesAConsumerGroupKeepingItsOffsets() {
        // given
        ctx.simpleCommit("g", "orders", 1, 7);

        // when
        ConsumerGroupHeartbeatResponseData joined = consumers.join("g", "a", "orders");
        ctx.restart();

        // then
        assertThat(joined.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(consumers.describe("g").members()).hasSize(1);
        assertThat(partition(ctx.fetch("g", "orders", 1), 0).committedOffset()).isEqualTo(7L);
    }

    @Test
    void groupsOfTheOtherTypeWithMembersAreRefused() {
        // given
        ctx.joinNewMember("classic").join();
        consumers.join("kip848", "a", "orders");

        // when
        ConsumerGroupHeartbeatResponseData intoClassic = consumers.join("classic", "b", "orders");
        short intoConsumer = ctx.join(joinRequest("kip848", "")).join().errorCode();

        // then
        assertThat(intoClassic.errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        assertThat(intoConsumer).isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL.code());
        assertThat(consumers.describe("classic").errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
    }

    @Test
    void aRestartedStaticMemberTakesBackItsPartitionsWithoutANewEpoch() {
        // given
        ConsumerGroupHeartbeatResponseData first = consumers.send(ConsumerHeartbeats.joinRequest("g", "a1", "orders")
                .setInstanceId("instance-a"));
        consumers.join("g", "b", "orders");
        Map<Uuid, java.util.Set<Integer>> kept = assigned(consumers.heartbeat("g", "a1", 1, Map.of(orders,
                partitions(0, 1))));
        consumers.heartbeat("g", "a1", 1, kept);
        int epoch = consumers.describe("g").groupEpoch();

        // when it leaves for a while, another instance can't take its id, then it comes back
        ConsumerGroupHeartbeatResponseData away = consumers.send(new ConsumerGroupHeartbeatRequestData()
                .setGroupId("g").setMemberId("a1").setInstanceId("instance-a").setMemberEpoch(-2));
        ConsumerGroupHeartbeatResponseData back = consumers.send(ConsumerHeartbeats.joinRequest("g", "a2", "orders")
                .setInstanceId("instance-a"));
        ConsumerGroupHeartbeatResponseData duplicate = consumers.send(
                ConsumerHeartbeats.joinRequest("g", "a3", "orders").setInstanceId("instance-a"));

        // then
        assertThat(first.memberEpoch()).isEqualTo(1);
        assertThat(away.memberEpoch()).isEqualTo(-2);
        assertThat(back.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(back.memberEpoch()).isEqualTo(epoch);
        assertThat(assigned(back)).isEqualTo(kept);
        assertThat(consumers.describe("g").groupEpoch()).isEqualTo(epoch);
        assertThat(duplicate.errorCode()).isEqualTo(Errors.UNRELEASED_INSTANCE_ID.code());
        assertThat(consumers.heartbeat("g", "a1", epoch, null).errorCode())
                .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }

    private OffsetFetchResponseData.OffsetFetchResponseGroup fetch(String memberId, int memberEpoch) {
        return ctx.service.fetchOffsets(context((short) 9), new OffsetFetchRequestData.OffsetFetchRequestGroup()
                .setGroupId("g").setMemberId(memberId).setMemberEpoch(memberEpoch)
                .setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopics().setName("orders")
                        .setPartitionIndexes(List.of(0)))), false).join();
    }

    private ListGroupsResponseData list(List<String> types) {
        return ctx.service.listGroups(context(ApiKeys.LIST_GROUPS),
                new ListGroupsRequestData().setTypesFilter(types)).join();
    }

    private short deleteGroup() {
        return ctx.service.deleteGroups(context(ApiKeys.DELETE_GROUPS), List.of("g")).join().find("g").errorCode();
    }

    private short deleteOffset(String topic) {
        OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection topics =
                new OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection();
        topics.add(new OffsetDeleteRequestData.OffsetDeleteRequestTopic().setName(topic)
                .setPartitions(List.of(new OffsetDeleteRequestData.OffsetDeleteRequestPartition()
                        .setPartitionIndex(0))));
        var response = ctx.service.deleteOffsets(context(ApiKeys.OFFSET_DELETE),
                new OffsetDeleteRequestData().setGroupId("g").setTopics(topics)).join();
        return response.errorCode() != 0 ? response.errorCode()
                : response.topics().find(topic).partitions().find(0).errorCode();
    }
}
