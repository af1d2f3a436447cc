package io.tributary.coordinator.group;

import static io.tributary.coordinator.group.GroupCoordinatorTestContext.context;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.joinRequest;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.partition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OffsetExpirationTest {

    private static final long RETENTION = 60 * 60 * 1000L;
    private static final long CHECK_INTERVAL = GroupCoordinatorConfig.defaults().offsetsRetentionCheckMs();

    private final GroupCoordinatorTestContext ctx = GroupCoordinatorTestContext.builder().offsetsRetentionMs(RETENTION)
            .topic("orders", 2).build();

    @Test
    void simpleGroupOffsetsExpireAfterRetentionAndTheGroupGoesWithThem() {
        // given
        ctx.simpleCommit("simple", "orders", 0, 1);
        ctx.advance(RETENTION / 2);
        ctx.simpleCommit("simple", "orders", 1, 2);

        // when the first commit is past retention, the second is not
        ctx.advance(RETENTION / 2 + CHECK_INTERVAL);

        // then
        assertThat(partition(ctx.fetch("simple", "orders", 0, 1), 0).committedOffset()).isEqualTo(-1L);
        assertThat(partition(ctx.fetch("simple", "orders", 0, 1), 1).committedOffset()).isEqualTo(2L);
        ctx.advance(RETENTION);
        assertThat(partition(ctx.fetch("simple", "orders", 1), 0).committedOffset()).isEqualTo(-1L);
        assertThat(groupIds()).doesNotContain("simple");
        ctx.restart();
        assertThat(groupIds()).doesNotContain("simple");
    }

    @Test
    void offsetsOfAnActiveGroupAreKeptUntilItBecomesEmpty() {
        // given a consumer group that committed and stays alive
        String member = ctx.join(joinRequest("g", "")).join().memberId();
        JoinGroupResponseData joined = ctx.join(joinRequest("g", member)).join();
        ctx.sync("g", member, joined.generationId(), List.of()).join();
        ctx.commit("g", member, 1, "orders", 0, 7, "");

        // when much more than the retention passes while it heartbeats
        for (long elapsed = 0; elapsed < 2 * RETENTION; elapsed += 5000) {
            ctx.advance(5000);
            ctx.heartbeat("g", member, 1);
        }

        // then (its protocol metadata is not a consumer subscription: treated as consuming every topic)
        assertThat(partition(ctx.fetch("g", "orders", 0), 0).committedOffset()).isEqualTo(7L);

        // and once the group is empty, retention counts from then
        ctx.leave("g", member);
        ctx.advance(RETENTION - CHECK_INTERVAL);
        assertThat(partition(ctx.fetch("g", "orders", 0), 0).committedOffset()).isEqualTo(7L);
        ctx.advance(2 * CHECK_INTERVAL);
        assertThat(partition(ctx.fetch("g", "orders", 0), 0).committedOffset()).isEqualTo(-1L);
        assertThat(groupIds()).doesNotContain("g");
    }

    private List<String> groupIds() {
        return ctx.service.listGroups(context(ApiKeys.LIST_GROUPS), new ListGroupsRequestData()).join().groups()
                .stream().map(ListGroupsResponseData.ListedGroup::groupId).toList();
    }
}
