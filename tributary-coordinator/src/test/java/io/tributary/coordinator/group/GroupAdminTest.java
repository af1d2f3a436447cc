package io.tributary.coordinator.group;

import static io.tributary.coordinator.group.GroupCoordinatorTestContext.context;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.partition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GroupAdminTest {

    private final GroupCoordinatorTestContext ctx = GroupCoordinatorTestContext.builder().partitions(5)
            .topic("orders", 2).topic("audit", 1).build();

    @Test
    void listGroupsAcrossPartitionsFilteredByStateAndType() {
        // given
        ctx.simpleCommit("simple-1", "orders", 0, 1);
        ctx.simpleCommit("simple-2", "orders", 0, 1);
        stableConsumerGroup("active");

        // when
        ListGroupsResponseData all = list(List.of(), List.of());
        ListGroupsResponseData stable = list(List.of("stable"), List.of());
        ListGroupsResponseData consumer = list(List.of(), List.of("consumer"));

        // then
        assertThat(all.groups()).extracting(ListGroupsResponseData.ListedGroup::groupId)
                .containsExactlyInAnyOrder("simple-1", "simple-2", "active");
        assertThat(all.groups()).allSatisfy(g -> assertThat(g.groupType()).isEqualTo("classic"));
        assertThat(stable.groups()).singleElement().satisfies(g -> {
            assertThat(g.groupId()).isEqualTo("active");
            assertThat(g.protocolType()).isEqualTo("consumer");
            assertThat(g.groupState()).isEqualTo("Stable");
        });
        assertThat(consumer.groups()).isEmpty();
    }

    @Test
    void describeOfAnUnknownGroupDependsOnTheVersion() {
        // when
        DescribeGroupsResponseData.DescribedGroup old = ctx.service.describeGroups(context((short) 5),
                List.of("nobody")).join().get(0);
        DescribeGroupsResponseData.DescribedGroup v6 = ctx.service.describeGroups(context((short) 6),
                List.of("nobody")).join().get(0);

        // then
        assertThat(old.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(old.groupState()).isEqualTo("Dead");
        assertThat(v6.errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
    }

    @Test
    void describeStableGroupShowsMembersWithMetadataAndAssignment() {
        // given
        String member = stableConsumerGroup("active");

        // when
        DescribeGroupsResponseData.DescribedGroup described = ctx.service.describeGroups(
                context(ApiKeys.DESCRIBE_GROUPS), List.of("active")).join().get(0);

        // then
        assertThat(described.protocolData()).isEqualTo("range");
        assertThat(described.members()).singleElement().satisfies(m -> {
            assertThat(m.memberId()).isEqualTo(member);
            assertThat(m.clientId()).isEqualTo("client");
            assertThat(org.apache.kafka.clients.consumer.internals.ConsumerProtocol.deserializeSubscription(
                    java.nio.ByteBuffer.wrap(m.memberMetadata())).topics()).containsExactly("orders");
            assertThat(m.memberAssignment()).isEqualTo("mine".getBytes());
        });
    }

    @Test
    void deleteGroupsRemovesEmptyGroupsWithTheirOffsets() {
        // given
        ctx.simpleCommit("simple", "orders", 0, 1);
        stableConsumerGroup("active");

        // when
        DeleteGroupsResponseData.DeletableGroupResultCollection results = ctx.service.deleteGroups(
                context(ApiKeys.DELETE_GROUPS), List.of("simple", "active", "nobody")).join();

        // then
        assertThat(results.find("simple").errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(results.find("active").errorCode()).isEqualTo(Errors.NON_EMPTY_GROUP.code());
        assertThat(results.find("nobody").errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        ctx.restart();
        assertThat(partition(ctx.fetch("simple", "orders", 0), 0).committedOffset()).isEqualTo(-1L);
        assertThat(list(List.of(), List.of()).groups()).extracting(ListGroupsResponseData.ListedGroup::groupId)
                .containsExactly("active");
    }

    @Test
    void offsetDeleteRefusesTopicsTheGroupConsumes() {
        // given a simple group, and a consumer group subscribed to "orders" with offsets on both topics
        ctx.simpleCommit("simple", "orders", 0, 1);
        String member = stableConsumerGroup("active");
        ctx.commit("active", member, 1, "orders", 0, 5, "");
        ctx.commit("active", member, 1, "audit", 0, 5, "");

        // when
        OffsetDeleteResponseData simple = deleteOffsets("simple", "orders");
        OffsetDeleteResponseData subscribed = deleteOffsets("active", "orders");
        OffsetDeleteResponseData unsubscribed = deleteOffsets("active", "audit");
        OffsetDeleteResponseData unknown = deleteOffsets("nobody", "orders");

        // then
        assertThat(simple.topics().find("orders").partitions().find(0).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(subscribed.topics().find("orders").partitions().find(0).errorCode())
                .isEqualTo(Errors.GROUP_SUBSCRIBED_TO_TOPIC.code());
        assertThat(unsubscribed.topics().find("audit").partitions().find(0).errorCode())
                .isEqualTo(Errors.NONE.code());
        assertThat(unknown.errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        assertThat(partition(ctx.fetch("simple", "orders", 0), 0).committedOffset()).isEqualTo(-1L);
        assertThat(partition(ctx.fetch("active", "orders", 0), 0).committedOffset()).isEqualTo(5L);
        assertThat(partition(ctx.fetch("active", "audit", 0), 0).committedOffset()).isEqualTo(-1L);
    }

    private OffsetDeleteResponseData deleteOffsets(String groupId, String topic) {
        OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection topics =
                new OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection();
        topics.add(new OffsetDeleteRequestData.OffsetDeleteRequestTopic().setName(topic).setPartitions(
                List.of(new OffsetDeleteRequestData.OffsetDeleteRequestPartition().setPartitionIndex(0))));
        return ctx.service.deleteOffsets(context(ApiKeys.OFFSET_DELETE),
                new OffsetDeleteRequestData().setGroupId(groupId).setTopics(topics)).join();
    }

    private ListGroupsResponseData list(List<String> states, List<String> types) {
        return ctx.service.listGroups(context(ApiKeys.LIST_GROUPS),
                new ListGroupsRequestData().setStatesFilter(states).setTypesFilter(types)).join();
    }

    /** A one-member consumer group subscribed to "orders", Stable in generation 1, assigned "mine". */
    private String stableConsumerGroup(String groupId) {
        var request = GroupCoordinatorTestContext.joinRequest(groupId, "");
        byte[] subscription = org.apache.kafka.clients.consumer.internals.ConsumerProtocol.serializeSubscription(
                new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(List.of("orders")))
                .array();
        request.protocols().find("range").setMetadata(subscription);
        String memberId = ctx.join(request).join().memberId();
        JoinGroupResponseData joined = ctx.join(request.setMemberId(memberId)).join();
        ctx.sync(groupId, memberId, joined.generationId(),
                List.of(GroupCoordinatorTestContext.assignment(memberId, "mine"))).join();
        return memberId;
    }
}
