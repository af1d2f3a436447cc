package io.tributary.broker.partition;

import static io.tributary.broker.partition.ReplicationFixture.TP;
import static io.tributary.broker.partition.ReplicationFixture.records;
import static io.tributary.broker.partition.ReplicationFixture.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.storage.api.AppendResult;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderReplicationTest {

    private static final short ACKS_ALL = -1;
    private static final short ACKS_ONE = 1;
    private static final long NOW = 1_000_000L;

    @TempDir
    Path dir;
    private ReplicationFixture fixture;
    private Partition leader;

    @BeforeEach
    void setUp() {
        fixture = new ReplicationFixture(dir);
        leader = fixture.partition(1);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void highWatermarkIsTheSmallestLogEndOverTheIsr() {
        // given
        leader.makeLeader(registration(1, 5, 1, new int[] {1, 2, 3}), 1, NOW);
        leader.appendAsLeader(records("a", "b", "c"), ACKS_ONE);

        // when / then
        assertThat(leader.highWatermark()).isZero();
        leader.onFollowerFetch(2, 102, 3, NOW);
        assertThat(leader.highWatermark()).isZero();
        leader.onFollowerFetch(3, 103, 2, NOW);
        assertThat(leader.highWatermark()).isEqualTo(2);
        leader.onFollowerFetch(3, 103, 3, NOW);
        assertThat(leader.highWatermark()).isEqualTo(3);
        assertThat(fixture.logs.getLog(TP).orElseThrow().highWatermark()).isEqualTo(3);
    }

    @Test
    void aNewLeaderKnowsItsHighWatermarkOnlyOnceItPassesTheStartOfItsEpoch() {
        // given records its followers have not confirmed, then a new leader epoch starting after them
        leader.makeLeader(registration(1, 5, 1, new int[] {1, 2, 3}), 1, NOW);
        leader.appendAsLeader(records("a", "b", "c"), ACKS_ONE);
        leader.makeLeader(registration(1, 6, 2, new int[] {1, 2, 3}), 1, NOW);

        // then ListOffsets must answer OFFSET_NOT_AVAILABLE until the followers catch up to the epoch start
        assertThat(leader.highWatermarkBehindEpochStart()).isTrue();
        leader.onFollowerFetch(2, 102, 3, NOW);
        leader.onFollowerFetch(3, 103, 3, NOW);
        assertThat(leader.highWatermark()).isEqualTo(3);
        assertThat(leader.highWatermarkBehindEpochStart()).isFalse();
    }

    @Test
    void acksAllCompletesOnceTheIsrHasTheRecords() {
        // given
        leader.makeLeader(registration(1, 5, 1, new int[] {1, 2, 3}), 2, NOW);

        // when
        CompletableFuture<AppendResult> acked = leader.appendAsLeader(records("a", "b"), ACKS_ALL, 30_000);
        leader.onFollowerFetch(2, 102, 2, NOW);

        // then
        assertThat(acked).isNotDone();
        leader.onFollowerFetch(3, 103, 2, NOW);
        assertThat(acked).isCompleted();
        assertThat(acked.join().lastOffset()).isEqualTo(1);
    }

    @Test
    void acksOneCompletesAtTheLocalAppend() {
        // given
        leader.makeLeader(registration(1, 5, 1, new int[] {1, 2, 3}), 2, NOW);

        // when
        CompletableFuture<AppendResult> acked = leader.appendAsLeader(records("a"), ACKS_ONE, 30_000);

        // then
        assertThat(acked).isCompleted();
        assertThat(leader.highWatermark()).isZero();
    }

    @Test
    void durableModeCommitsOnceFsyncedAndReplicated(@TempDir Path durableDir) throws Exception {
        // given
        try (ReplicationFixture durable = new ReplicationFixture(durableDir, true)) {
            Partition partition = durable.partition(1);
            partition.makeLeader(registration(1, 5, 1, new int[] {1, 2}), 1, NOW);

            // when
            CompletableFuture<AppendResult> acked = partition.appendAsLeader(records("a", "b"), ACKS_ALL, 30_000);
            partition.onFollowerFetch(2, 102, 2, NOW);

            // then
            assertThat(acked.get(10, TimeUnit.SECONDS).lastOffset()).isEqualTo(1);
            assertThat(partition.highWatermark()).isEqualTo(2);
            assertThat(durable.logs.getLog(TP).orElseThrow().flushedOffset()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aLeaderAloneInTheIsrCommitsAtOnce() {
        // given
        leader.makeLeader(registration(1, 5, 1, new int[] {1}), 1, NOW);

        // when
        CompletableFuture<AppendResult> acked = leader.appendAsLeader(records("a"), ACKS_ALL);

        // then
        assertThat(acked).isCompleted();
        assertThat(leader.highWatermark()).isEqualTo(1);
    }

    @Test
    void acksAllTimesOutWithRequestTimedOut() {
        // given
        leader.makeLeader(registration(1, 5, 1, new int[] {1, 2, 3}), 2, NOW);

        // when
        CompletableFuture<AppendResult> acked = leader.appendAsLeader(records("a"), ACKS_ALL, 50);

        // then
        assertThatThrownBy(() -> acked.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void acksAllIsRefusedWhenTheIsrIsBelowMinInsyncReplicas() {
        // given
        leader.makeLeader(registration(1, 5, 1, new int[] {1}), 2, NOW);

        // when / then
        assertThatThrownBy(() -> leader.appendAsLeader(records("a"), ACKS_ALL))
                .isInstanceOf(NotEnoughReplicasException.class);
        assertThat(leader.appendAsLeader(records("a"), ACKS_ONE)).isCompleted();
    }

    @Test
    void losingLeadershipFailsWaitingAppendsAndRefusesNewOnes() {
        // given
        leader.makeLeader(registration(1, 5, 1, new int[] {1, 2}), 1, NOW);
        CompletableFuture<AppendResult> acked = leader.appendAsLeader(records("a"), ACKS_ALL, 30_000);

        // when
        boolean wasLeader = leader.makeFollower(registration(2, 6, 2, new int[] {1, 2}));

        // then
        assertThat(wasLeader).isTrue();
        assertThat(acked).isCompletedExceptionally();
        assertThatThrownBy(acked::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(NotLeaderOrFollowerException.class);
        assertThatThrownBy(() -> leader.appendAsLeader(records("b"), ACKS_ONE))
                .isInstanceOf(NotLeaderOrFollowerException.class);
        assertThat(leader.leaderId()).isEqualTo(2);
        assertThat(leader.leaderEpoch()).isEqualTo(6);
    }

    @Test
    void aNewLeaderRecordsItsEpochAtTheLogEnd() {
        // given
        leader.makeLeader(registration(1, 5, 1, new int[] {1}), 1, NOW);
        leader.appendAsLeader(records("a", "b"), ACKS_ONE);
        leader.makeFollower(registration(2, 6, 2, new int[] {1, 2}));

        // when
        leader.makeLeader(registration(1, 7, 3, new int[] {1, 2}), 1, NOW);

        // then
        assertThat(leader.latestEpoch()).isEqualTo(7);
        assertThat(leader.endOffsetForEpoch(5).endOffset()).isEqualTo(2);
    }

    @Test
    void coordinatorsAreToldOfLeadershipOnceThePreviousEpochsAreCommitted() {
        // given: a, b written in epoch 1 but never replicated; this broker leads again in epoch 3
        leader.makeLeader(registration(1, 1, 1, new int[] {1, 2}), 1, NOW);
        leader.appendAsLeader(records("a", "b"), ACKS_ONE);
        leader.makeFollower(registration(2, 2, 2, new int[] {1, 2}));
        leader.makeLeader(registration(1, 3, 3, new int[] {1, 2}), 1, NOW);
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();

        // when
        leader.whenLeaderEpochCommitted(told::incrementAndGet);
        leader.onFollowerFetch(2, 102, 1, NOW);

        // then
        assertThat(told).hasValue(0);
        leader.onFollowerFetch(2, 102, 2, NOW);
        assertThat(told).hasValue(1);
        leader.onFollowerFetch(2, 102, 2, NOW);
        assertThat(told).hasValue(1);
    }

    @Test
    void aLaggingFollowerIsDroppedFromTheIsrThroughTheController() {
        // given: follower 2 keeps up, follower 3 never fetches
        leader.makeLeader(registration(1, 5, 1, new int[] {1, 2, 3}), 1, NOW);
        leader.appendAsLeader(records("a"), ACKS_ONE);
        CompletableFuture<AppendResult> waiting = leader.appendAsLeader(records("b"), ACKS_ALL, 60_000);
        leader.onFollowerFetch(2, 102, 2, NOW + 20_000);

        // when
        leader.maybeShrinkIsr(NOW + 30_001, 30_000);

        // then
        assertThat(fixture.controller.requests).hasSize(1);
        assertThat(fixture.controller.lastRequestedIsr()).containsExactly(1, 2);
        assertThat(leader.isr()).containsExactly(1, 2, 3); // not before the controller says so
        assertThat(waiting).isNotDone();

        fixture.controller.accept(5, 2);
        assertThat(leader.isr()).containsExactly(1, 2);
        assertThat(leader.highWatermark()).isEqualTo(2);
        assertThat(waiting).isCompleted();
    }

    @Test
    void nothingCommitsWhileTheIsrIsBelowMinInsync() {
        // given: min.insync.replicas=2, nobody but the leader fetches
        leader.makeLeader(registration(1, 5, 1, new int[] {1, 2, 3}), 2, NOW);
        CompletableFuture<AppendResult> waiting = leader.appendAsLeader(records("a"), ACKS_ALL, 60_000);

        // when
        leader.maybeShrinkIsr(NOW + 30_001, 30_000);
        fixture.controller.accept(5, 2);

        // then: as Kafka's leader (KIP-966), the high watermark stays where it was while the ISR is under min ISR
        assertThat(leader.isr()).containsExactly(1);
        assertThat(leader.highWatermark()).isZero();
        assertThat(waiting).isNotDone();
    }

    @Test
    void aCaughtUpFollowerJoinsTheIsrOneChangeAtATime() {
        // given
        leader.makeLeader(registration(1, 5, 1, new int[] {1, 2}), 1, NOW);
        leader.appendAsLeader(records("a", "b"), ACKS_ONE);
        leader.onFollowerFetch(2, 102, 2, NOW);

        // when: follower 3 is behind, then reaches the high watermark
        leader.onFollowerFetch(3, 103, 1, NOW);
        assertThat(fixture.controller.requests).isEmpty();
        leader.onFollowerFetch(3, 103, 2, NOW);
        leader.onFollowerFetch(3, 103, 2, NOW);

        // then
        assertThat(fixture.controller.requests).hasSize(1);
        assertThat(fixture.controller.lastRequestedIsr()).containsExactly(1, 2, 3);
        var members = fixture.controller.requests.get(0).data().topics().get(0).partitions().get(0)
                .newIsrWithEpochs();
        assertThat(members.get(2).brokerEpoch()).isEqualTo(103);
        fixture.controller.accept(5, 2);
        assertThat(leader.isr()).containsExactly(1, 2, 3);
    }

    @Test
    void theMetadataImageWinsOverARefusedIsrChange() {
        // given
        leader.makeLeader(registration(1, 5, 1, new int[] {1, 2}), 1, NOW);
        leader.onFollowerFetch(3, 103, 0, NOW);
        assertThat(fixture.controller.requests).hasSize(1);

        // when: the controller refuses (stale partition epoch) and the image brings the truth
        fixture.controller.answers.get(0).complete(new org.apache.kafka.common.requests.AlterPartitionResponse(
                new org.apache.kafka.common.message.AlterPartitionResponseData().setTopics(java.util.List.of(
                        new org.apache.kafka.common.message.AlterPartitionResponseData.TopicData()
                                .setTopicId(ReplicationFixture.TOPIC_ID)
                                .setPartitions(java.util.List.of(
                                        new org.apache.kafka.common.message.AlterPartitionResponseData.PartitionData()
                                                .setPartitionIndex(0).setErrorCode(
                                                        org.apache.kafka.common.protocol.Errors
                                                                .INVALID_UPDATE_VERSION.code())))))));
        leader.onFollowerFetch(3, 103, 0, NOW);
        assertThat(fixture.controller.requests).hasSize(1); // pending until the image catches up
        leader.makeLeader(registration(1, 5, 3, new int[] {1, 2, 3}), 1, NOW);

        // then
        assertThat(leader.isr()).containsExactly(1, 2, 3);
    }
}
