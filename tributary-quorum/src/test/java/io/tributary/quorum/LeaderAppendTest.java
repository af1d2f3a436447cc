package io.tributary.quorum;

import static io.tributary.quorum.QuorumTestCluster.WAIT;
import static io.tributary.quorum.QuorumTestCluster.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.errors.NotControllerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.record.MetadataRecord;

class LeaderAppendTest {

    @TempDir
    Path dir;

    private QuorumTestCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = new QuorumTestCluster(dir, Duration.ofSeconds(10)).startAll();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void appendsOnTheLeaderReachEveryListenerInOrder() throws Exception {
        // given
        MetadataQuorum leader = cluster.awaitLeader();
        List<List<MetadataRecord>> appended = List.of(batch("a", "b"), batch("c"), batch("d", "e", "f"));

        // when
        List<Long> offsets = new ArrayList<>();
        for (List<MetadataRecord> records : appended) {
            offsets.add(leader.append(records).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }

        // then
        assertThat(offsets).isSorted().doesNotHaveDuplicates();
        for (int id : cluster.runningIds()) {
            RecordingListener listener = cluster.listener(id);
            await().atMost(WAIT).untilAsserted(() -> assertThat(listener.recordBatches()).isEqualTo(appended));
            assertThat(listener.batches()).extracting(RecordingListener.Batch::offset).isEqualTo(offsets);
            await().atMost(WAIT).until(() -> cluster.node(id).committedOffset() >= offsets.get(2));
        }
        // The leader's own listener has seen a batch by the time its append completes.
        assertThat(leader.committedOffset()).isGreaterThanOrEqualTo(offsets.get(2));
    }

    @Test
    void anAppendOnAFollowerFailsNamingTheLeader() {
        // given
        MetadataQuorum leader = cluster.awaitLeader();
        MetadataQuorum follower = cluster.aFollowerOf(leader);

        // when / then
        assertThatThrownBy(() -> follower.append(batch("x")).toCompletableFuture().get(WAIT.toSeconds(),
            TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOf(NotControllerException.class)
            .isInstanceOfSatisfying(NotQuorumLeaderException.class,
                e -> assertThat(e.leaderId()).isEqualTo(OptionalInt.of(leader.nodeId())))
            .hasMessageContaining("the leader is node " + leader.nodeId());
        for (int id : cluster.runningIds()) {
            assertThat(cluster.listener(id).batches()).isEmpty();
        }
    }

    @Test
    void describeShowsTheLeaderAndEveryVotersProgress() throws Exception {
        // given
        MetadataQuorum leader = cluster.awaitLeader();
        long offset = leader.append(batch("a")).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        // when
        QuorumState state = await().atMost(WAIT).until(leader::describe,
            s -> s.voters().stream().allMatch(v -> v.logEndOffset() > offset));

        // then
        assertThat(state.leaderId()).isEqualTo(leader.nodeId());
        assertThat(state.leaderEpoch()).isEqualTo(leader.leaderEpoch()).isPositive();
        assertThat(state.highWatermark()).isGreaterThan(offset);
        assertThat(state.voters()).extracting(QuorumState.VoterState::nodeId).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(state.voters()).allSatisfy(v -> assertThat(v.lastFetchTimestamp()).isPositive());
    }
}
