package io.tributary.coordinator.group;

import static io.tributary.coordinator.group.GroupCoordinatorTestContext.REBALANCE_TIMEOUT;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.SESSION_TIMEOUT;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.assignment;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.context;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.joinRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClassicGroupMembershipTest {

    private static final int INITIAL_DELAY = 3000;

    private final GroupCoordinatorTestContext ctx = GroupCoordinatorTestContext.builder()
            .initialRebalanceDelayMs(INITIAL_DELAY).build();

    @Test
    void newMemberMustRejoinWithTheMemberIdItIsGiven() {
        // when
        JoinGroupResponseData first = ctx.join(joinRequest("g", "")).join();

        // then
        assertThat(first.errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
        assertThat(first.memberId()).startsWith("client-");
        CompletableFuture<JoinGroupResponseData> pending = ctx.join(joinRequest("g", first.memberId()));
        ctx.advance(INITIAL_DELAY);
        JoinGroupResponseData second = pending.join();
        assertThat(second.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(second.memberId()).isEqualTo(first.memberId());
    }

    @Test
    void singleMemberJoinsSyncsAndHeartbeats() {
        // given
        JoinGroupResponseData joined = joinAlone("g");

        // when
        SyncGroupResponseData synced = ctx.sync("g", joined.memberId(), joined.generationId(),
                List.of(assignment(joined.memberId(), "all"))).join();

        // then
        assertThat(joined.generationId()).isEqualTo(1);
        assertThat(joined.leader()).isEqualTo(joined.memberId());
        assertThat(joined.protocolName()).isEqualTo("range");
        assertThat(joined.members()).hasSize(1);
        assertThat(synced.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(synced.assignment()).isEqualTo("all".getBytes());
        assertThat(synced.protocolName()).isEqualTo("range");
        assertThat(ctx.heartbeat("g", joined.memberId(), 1).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(ctx.heartbeat("g", joined.memberId(), 0).errorCode()).isEqualTo(Errors.ILLEGAL_GENERATION.code());
        assertThat(ctx.heartbeat("g", "ghost", 1).errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void threeMembersGetOneGenerationAndTheirOwnAssignments() {
        // given
        String[] ids = stableGroupOfThree();

        // when
        DescribeGroupsResponseData.DescribedGroup described = describe("g");

        // then
        assertThat(described.groupState()).isEqualTo("Stable");
        assertThat(described.members()).extracting(DescribeGroupsResponseData.DescribedGroupMember::memberId)
                .containsExactlyInAnyOrder(ids);
        assertThat(described.members()).allSatisfy(m -> {
            assertThat(new String(m.memberAssignment())).isEqualTo("p-" + m.memberId());
            assertThat(m.clientHost()).isEqualTo("/127.0.0.1");
        });
    }

    @Test
    void followersWaitForTheLeadersSync() {
        // given
        CompletableFuture<JoinGroupResponseData> leaderJoin = ctx.joinNewMember("g");
        CompletableFuture<JoinGroupResponseData> followerJoin = ctx.joinNewMember("g");
        ctx.advance(INITIAL_DELAY * 2); // the second member extended the initial delay
        JoinGroupResponseData leader = leaderJoin.join();
        JoinGroupResponseData follower = followerJoin.join();

        // when
        CompletableFuture<SyncGroupResponseData> followerSync = ctx.sync("g", follower.memberId(),
                follower.generationId(), List.of());

        // then
        assertThat(followerSync).isNotDone();
        ctx.sync("g", leader.memberId(), leader.generationId(), List.of(assignment(leader.memberId(), "a"),
                assignment(follower.memberId(), "b"))).join();
        assertThat(followerSync.join().assignment()).isEqualTo("b".getBytes());
    }

    @Test
    void aJoiningMemberTriggersARebalanceOthersLearnOfByHeartbeat() {
        // given
        String[] ids = stableGroupOfThree();

        // when
        CompletableFuture<JoinGroupResponseData> newcomer = ctx.joinNewMember("g");

        // then
        assertThat(newcomer).isNotDone();
        assertThat(ctx.heartbeat("g", ids[0], 1).errorCode()).isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());
        List<CompletableFuture<JoinGroupResponseData>> rejoins = List.of(rejoin(ids[0]), rejoin(ids[1]),
                rejoin(ids[2]));
        assertThat(newcomer.join().generationId()).isEqualTo(2);
        assertThat(rejoins).allSatisfy(f -> assertThat(f.join().generationId()).isEqualTo(2));
        assertThat(describe("g").groupState()).isEqualTo("CompletingRebalance");
    }

    @Test
    void aLeavingMemberTriggersARebalanceWithoutIt() {
        // given
        String[] ids = stableGroupOfThree();

        // when
        assertThat(ctx.leave("g", ids[2]).members().get(0).errorCode()).isEqualTo(Errors.NONE.code());
        CompletableFuture<JoinGroupResponseData> first = rejoin(ids[0]);

        // then: the join completes once the remaining two rejoined
        assertThat(ctx.leave("g", "ghost").members().get(0).errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(first).isNotDone();
        JoinGroupResponseData second = rejoin(ids[1]).join();
        assertThat(second.generationId()).isEqualTo(2);
        assertThat(first.join().generationId()).isEqualTo(2);
        assertThat(describe("g").members()).hasSize(2);
    }

    @Test
    void sessionExpiryRemovesTheMemberAndRebalances() {
        // given
        String[] ids = stableGroupOfThree();

        // when only the first two keep heartbeating
        for (int i = 0; i < 3; i++) {
            ctx.advance(SESSION_TIMEOUT / 2);
            ctx.heartbeat("g", ids[0], 1);
            ctx.heartbeat("g", ids[1], 1);
        }

        // then
        assertThat(describe("g").groupState()).isEqualTo("PreparingRebalance");
        assertThat(describe("g").members()).extracting(DescribeGroupsResponseData.DescribedGroupMember::memberId)
                .containsExactlyInAnyOrder(ids[0], ids[1]);
    }

    @Test
    void membersThatDoNotRejoinWithinTheRebalanceTimeoutAreRemoved() {
        // given
        String[] ids = stableGroupOfThree();
        ctx.leave("g", ids[2]);
        CompletableFuture<JoinGroupResponseData> rejoined = rejoin(ids[0]);

        // when ids[1] never rejoins (it still heartbeats, which does not count as joining)
        for (int elapsed = 0; elapsed < REBALANCE_TIMEOUT; elapsed += SESSION_TIMEOUT / 2) {
            assertThat(rejoined).isNotDone();
            ctx.advance(SESSION_TIMEOUT / 2);
            ctx.heartbeat("g", ids[1], 1);
        }

        // then
        assertThat(rejoined.join().generationId()).isEqualTo(2);
        assertThat(rejoined.join().leader()).isEqualTo(ids[0]);
        assertThat(rejoined.join().members()).hasSize(1);
        assertThat(describe("g").members()).hasSize(1);
    }

    @Test
    void lastMemberLeavingEmptiesTheGroupDurably() {
        // given
        JoinGroupResponseData joined = joinAlone("g");
        ctx.sync("g", joined.memberId(), 1, List.of()).join();

        // when
        ctx.leave("g", joined.memberId());
        ctx.restart();

        // then
        DescribeGroupsResponseData.DescribedGroup described = describe("g");
        assertThat(described.groupState()).isEqualTo("Empty");
        assertThat(described.members()).isEmpty();
    }

    @Test
    void stableGroupIsRestoredAfterReload() {
        // given
        String[] ids = stableGroupOfThree();

        // when
        ctx.restart();

        // then
        assertThat(describe("g").groupState()).isEqualTo("Stable");
        assertThat(ctx.heartbeat("g", ids[1], 1).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(describe("g").members()).hasSize(3);
    }

    @Test
    void initialRebalanceDelayWaitsForMoreMembersOfANewGroup() {
        // given
        GroupCoordinatorTestContext delayed = GroupCoordinatorTestContext.builder().initialRebalanceDelayMs(3000)
                .build();
        CompletableFuture<JoinGroupResponseData> first = delayed.joinNewMember("g");

        // when
        delayed.advance(2000);
        CompletableFuture<JoinGroupResponseData> second = delayed.joinNewMember("g");
        delayed.advance(2000);

        // then: the delay was extended for the second member
        assertThat(first).isNotDone();
        delayed.advance(2000);
        assertThat(first.join().generationId()).isEqualTo(1);
        assertThat(second.join().generationId()).isEqualTo(1);
        assertThat(first.join().members()).hasSize(2);
    }

    @Test
    void joinErrorsFollowKafka() {
        // given
        var badTimeout = joinRequest("g", "").setSessionTimeoutMs(1000);
        joinAlone("g");

        // when / then
        assertThat(ctx.join(badTimeout).join().errorCode()).isEqualTo(Errors.INVALID_SESSION_TIMEOUT.code());
        assertThat(ctx.join(joinRequest("g", "", "roundrobin")).join().errorCode())
                .isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL.code());
        assertThat(ctx.join(joinRequest("g", "").setProtocolType("connect")).join().errorCode())
                .isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL.code());
        assertThat(ctx.join(joinRequest("other", "unknown")).join().errorCode())
                .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(ctx.join(joinRequest("", "")).join().errorCode()).isEqualTo(Errors.INVALID_GROUP_ID.code());
    }

    @Test
    void groupMaxSizeRefusesExtraMembers() {
        // given
        GroupCoordinatorTestContext small = GroupCoordinatorTestContext.builder().maxGroupSize(1).build();
        // (no initial delay here: a lone member completes its join at once)
        JoinGroupResponseData joined = small.joinNewMember("g").join();
        small.sync("g", joined.memberId(), 1, List.of()).join();

        // when
        JoinGroupResponseData refused = small.joinNewMember("g").join();

        // then
        assertThat(refused.errorCode()).isEqualTo(Errors.GROUP_MAX_SIZE_REACHED.code());
    }

    @Test
    void protocolIsChosenByTheMembersVotes() {
        // given
        CompletableFuture<JoinGroupResponseData> a = ctx.join(joinRequest("g", "", "range", "sticky"));
        String idA = a.join().memberId();
        CompletableFuture<JoinGroupResponseData> joinA = ctx.join(joinRequest("g", idA, "range", "sticky"));

        // when
        String idB = ctx.join(joinRequest("g", "", "sticky", "range")).join().memberId();
        CompletableFuture<JoinGroupResponseData> joinB = ctx.join(joinRequest("g", idB, "sticky", "range"));
        String idC = ctx.join(joinRequest("g", "", "sticky")).join().memberId();
        CompletableFuture<JoinGroupResponseData> joinC = ctx.join(joinRequest("g", idC, "sticky"));
        ctx.advance(INITIAL_DELAY * 3);

        // then
        assertThat(joinA.join().generationId()).isEqualTo(1);
        assertThat(joinB.join().protocolName()).isEqualTo("sticky");
        assertThat(joinC.join().errorCode()).isEqualTo(Errors.NONE.code());
    }

    private JoinGroupResponseData joinAlone(String groupId) {
        CompletableFuture<JoinGroupResponseData> joined = ctx.joinNewMember(groupId);
        ctx.advance(INITIAL_DELAY);
        return joined.join();
    }

    private CompletableFuture<JoinGroupResponseData> rejoin(String memberId) {
        return ctx.join(joinRequest("g", memberId));
    }

    private DescribeGroupsResponseData.DescribedGroup describe(String groupId) {
        return ctx.service.describeGroups(context(ApiKeys.DESCRIBE_GROUPS), List.of(groupId)).join().get(0);
    }

    /** Three members in generation 1, Stable, each assigned "p-" + its member id. */
    private String[] stableGroupOfThree() {
        List<CompletableFuture<JoinGroupResponseData>> joins = List.of(ctx.joinNewMember("g"),
                ctx.joinNewMember("g"), ctx.joinNewMember("g"));
        ctx.advance(INITIAL_DELAY * 3);
        String[] ids = joins.stream().map(f -> f.join().memberId()).toArray(String[]::new);
        JoinGroupResponseData leader = joins.stream().map(CompletableFuture::join)
                .filter(r -> r.leader().equals(r.memberId())).findFirst().orElseThrow();
        assertThat(leader.generationId()).isEqualTo(1);
        List<CompletableFuture<SyncGroupResponseData>> syncs = new java.util.ArrayList<>();
        for (String id : ids) {
            if (!id.equals(leader.memberId())) {
                syncs.add(ctx.sync("g", id, 1, List.of()));
            }
        }
        ctx.sync("g", leader.memberId(), 1, java.util.Arrays.stream(ids).map(id -> assignment(id, "p-" + id))
                .toList()).join();
        syncs.forEach(s -> assertThat(s.join().errorCode()).isEqualTo(Errors.NONE.code()));
        return ids;
    }
}
