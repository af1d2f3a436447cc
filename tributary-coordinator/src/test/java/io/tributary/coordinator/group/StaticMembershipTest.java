package io.tributary.coordinator.group;

import static io.tributary.coordinator.group.GroupCoordinatorTestContext.assignment;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.joinRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StaticMembershipTest {

    private final GroupCoordinatorTestContext ctx = GroupCoordinatorTestContext.builder().build();

    @Test
    void restartedStaticMemberTakesItsPlaceBackWithoutARebalance() {
        // given a stable group with one static member
        JoinGroupResponseData first = ctx.join(joinRequest("g", "").setGroupInstanceId("instance-1")).join();
        ctx.sync("g", first.memberId(), 1, List.of(assignment(first.memberId(), "p0"))).join();

        // when it restarts and joins with no member id
        JoinGroupResponseData second = ctx.join(joinRequest("g", "").setGroupInstanceId("instance-1")).join();

        // then
        assertThat(second.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(second.memberId()).isNotEqualTo(first.memberId());
        assertThat(second.generationId()).isEqualTo(1);
        assertThat(second.skipAssignment()).isTrue();
        assertThat(ctx.sync("g", second.memberId(), 1, List.of()).join().assignment()).isEqualTo("p0".getBytes());
        assertThat(staticHeartbeat(first.memberId()).errorCode()).isEqualTo(Errors.FENCED_INSTANCE_ID.code());
        assertThat(staticHeartbeat(second.memberId()).errorCode()).isEqualTo(Errors.NONE.code());
    }

    @Test
    void staleMemberIdOfAStaticMemberIsFenced() {
        // given
        JoinGroupResponseData first = ctx.join(joinRequest("g", "").setGroupInstanceId("instance-1")).join();
        ctx.sync("g", first.memberId(), 1, List.of()).join();
        ctx.join(joinRequest("g", "").setGroupInstanceId("instance-1")).join();

        // when
        JoinGroupResponseData stale = ctx.join(joinRequest("g", first.memberId())
                .setGroupInstanceId("instance-1")).join();

        // then
        assertThat(stale.errorCode()).isEqualTo(Errors.FENCED_INSTANCE_ID.code());
    }

    @Test
    void staticMemberChangingTheSelectedProtocolTriggersARebalance() {
        // given
        JoinGroupResponseData first = ctx.join(joinRequest("g", "").setGroupInstanceId("instance-1")).join();
        ctx.sync("g", first.memberId(), 1, List.of()).join();

        // when it now prefers another protocol
        CompletableFuture<JoinGroupResponseData> rejoin = ctx.join(joinRequest("g", "", "sticky", "range")
                .setGroupInstanceId("instance-1"));

        // then
        assertThat(rejoin.join().generationId()).isEqualTo(2);
        assertThat(rejoin.join().protocolName()).isEqualTo("sticky");
    }

    @Test
    void staticMemberWithNewMetadataButTheSameSelectedProtocolKeepsTheGeneration() {
        // given a stable group of two static members
        JoinGroupResponseData a = ctx.join(joinRequest("g", "").setGroupInstanceId("a")).join();
        ctx.sync("g", a.memberId(), a.generationId(), List.of()).join();
        CompletableFuture<JoinGroupResponseData> bJoin = ctx.join(joinRequest("g", "").setGroupInstanceId("b"));
        JoinGroupResponseData aRejoin = ctx.join(joinRequest("g", a.memberId()).setGroupInstanceId("a")).join();
        JoinGroupResponseData b = bJoin.join();
        int generation = b.generationId();
        String leader = b.leader();
        var bSync = ctx.sync("g", b.memberId(), generation, List.of());
        ctx.sync("g", aRejoin.memberId(), generation, List.of(assignment(aRejoin.memberId(), "pa"),
                assignment(b.memberId(), "pb"))).join();
        bSync.join();
        String nonLeaderInstance = leader.equals(b.memberId()) ? "a" : "b";
        String nonLeaderId = leader.equals(b.memberId()) ? aRejoin.memberId() : b.memberId();
        byte[] expected = leader.equals(b.memberId()) ? "pa".getBytes() : "pb".getBytes();

        // when the non-leader restarts with different subscription metadata (it owns nothing yet)
        var request = joinRequest("g", "").setGroupInstanceId(nonLeaderInstance);
        request.protocols().find("range").setMetadata("restarted, owns nothing".getBytes());
        JoinGroupResponseData restarted = ctx.join(request).join();

        // then no new generation: it gets its stored assignment back, the old member id is fenced
        assertThat(restarted.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(restarted.generationId()).isEqualTo(generation);
        assertThat(restarted.memberId()).isNotEqualTo(nonLeaderId);
        assertThat(ctx.sync("g", restarted.memberId(), generation, List.of()).join().assignment())
                .isEqualTo(expected);
        assertThat(ctx.heartbeat("g", leader, generation).errorCode()).isEqualTo(Errors.NONE.code());
    }

    @Test
    void staticMemberReplacementSurvivesAReload() {
        // given
        JoinGroupResponseData first = ctx.join(joinRequest("g", "").setGroupInstanceId("instance-1")).join();
        ctx.sync("g", first.memberId(), 1, List.of()).join();
        JoinGroupResponseData second = ctx.join(joinRequest("g", "").setGroupInstanceId("instance-1")).join();

        // when
        ctx.restart();

        // then
        assertThat(staticHeartbeat(second.memberId()).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(staticHeartbeat(first.memberId()).errorCode()).isEqualTo(Errors.FENCED_INSTANCE_ID.code());
    }

    private org.apache.kafka.common.message.HeartbeatResponseData staticHeartbeat(String memberId) {
        return ctx.service.heartbeat(GroupCoordinatorTestContext.context(ApiKeys.HEARTBEAT),
                new HeartbeatRequestData().setGroupId("g").setMemberId(memberId).setGenerationId(1)
                        .setGroupInstanceId("instance-1")).join();
    }
}
