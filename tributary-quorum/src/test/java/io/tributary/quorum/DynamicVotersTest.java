package io.tributary.quorum;

import static io.tributary.quorum.QuorumTestCluster.WAIT;
import static io.tributary.quorum.QuorumTestCluster.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.DuplicateVoterException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.VoterNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.record.MetadataRecord;

/**
 * KIP-853 voter changes over Ratis membership changes: a controller started without the static voters waits, is
 * caught up and added; a voter is removed; the new voter set is what every node restarts with, static voters or not.
 */
class DynamicVotersTest {

    private static final long TIMEOUT_MS = 20_000;

    @TempDir
    Path dir;

    private QuorumTestCluster cluster;

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void aJoiningControllerIsCaughtUpAndAddedThenAnOldVoterIsRemovedAndTheSetSurvivesRestarts() throws Exception {
        // given
        cluster = new QuorumTestCluster(dir, Duration.ofSeconds(10)).startAll();
        MetadataQuorum leader = cluster.awaitLeader();
        List<List<MetadataRecord>> committed = new ArrayList<>();
        committed.add(append(leader, batch("before-1")));
        committed.add(append(leader, batch("before-2", "before-3")));
        Uuid directoryId = Uuid.randomUuid();
        MetadataQuorum joining = cluster.startJoining(4, directoryId);
        InetSocketAddress joiningAddress = cluster.joinerAddress(4);

        // when
        assertThat(joining.voters()).isEmpty();
        assertThat(joining.isLeader()).isFalse();
        leader.addVoter(new QuorumVoter(4, directoryId, joiningAddress), TIMEOUT_MS).toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
        List<Integer> afterAdd = ids(leader.voters());
        // then: the new voter had the whole log before it counted, and knows the new set itself
        assertThat(afterAdd).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(leader.voters()).filteredOn(v -> v.nodeId() == 4).singleElement()
            .satisfies(v -> assertThat(v.directoryId()).isEqualTo(directoryId));
        await().atMost(WAIT).untilAsserted(() ->
            assertThat(cluster.listener(4).recordBatches()).isEqualTo(committed));
        await().atMost(WAIT).untilAsserted(() ->
            assertThat(ids(joining.voters())).containsExactlyInAnyOrder(1, 2, 3, 4));
        QuorumState described = leader.describe();
        assertThat(described.voters()).extracting(QuorumState.VoterState::nodeId).containsExactlyInAnyOrder(1, 2, 3, 4);

        // when: the errors of Kafka's handlers
        assertThatThrownBy(() -> leader.addVoter(new QuorumVoter(4, Uuid.randomUuid(), joiningAddress), TIMEOUT_MS)
            .toCompletableFuture().get(30, TimeUnit.SECONDS)).cause().isInstanceOf(DuplicateVoterException.class);
        assertThatThrownBy(() -> leader.removeVoter(new QuorumVoter(4, Uuid.randomUuid(), joiningAddress), TIMEOUT_MS)
            .toCompletableFuture().get(30, TimeUnit.SECONDS)).cause().isInstanceOf(VoterNotFoundException.class);
        MetadataQuorum follower = cluster.aFollowerOf(leader);
        assertThatThrownBy(() -> follower.addVoter(new QuorumVoter(5, Uuid.randomUuid(), joiningAddress), TIMEOUT_MS)
            .toCompletableFuture().get(30, TimeUnit.SECONDS)).cause().isInstanceOf(NotQuorumLeaderException.class);

        // when: an old voter (static: no directory id) is removed and stopped
        int removed = cluster.runningIds().stream().filter(id -> id != leader.nodeId() && id != 4).findFirst()
            .orElseThrow();
        leader.removeVoter(new QuorumVoter(removed, Uuid.ZERO_UUID, joiningAddress), TIMEOUT_MS)
            .toCompletableFuture().get(30, TimeUnit.SECONDS);
        cluster.stop(removed);
        committed.add(append(leader, batch("after-removal")));

        // then
        assertThat(ids(leader.voters())).doesNotContain(removed).hasSize(3);

        // when: every remaining node restarts, the static ones with controller.quorum.voters naming the removed one
        List<Integer> remaining = cluster.runningIds();
        remaining.forEach(cluster::stop);
        remaining.forEach(cluster::start);
        MetadataQuorum newLeader = await().atMost(WAIT).until(() -> remaining.stream().map(cluster::node)
            .filter(MetadataQuorum::isLeader).findFirst().orElse(null), q -> q != null);
        committed.add(append(newLeader, batch("after-restart")));

        // then: the committed voter set, not the static one
        for (int id : remaining) {
            assertThat(ids(cluster.node(id).voters())).as("voters on node " + id)
                .containsExactlyInAnyOrderElementsOf(remaining);
            await().atMost(WAIT).untilAsserted(() ->
                assertThat(cluster.listener(id).recordBatches()).endsWith(committed.get(committed.size() - 1)));
        }
        assertThat(newLeader.leaderId()).isEqualTo(OptionalInt.of(newLeader.nodeId()));
    }

    @Test
    void aSecondChangeWhileOneIsPendingTimesOutAtOnce() throws Exception {
        // given: a voter to add that is not running, so its change cannot complete
        cluster = new QuorumTestCluster(dir, Duration.ofSeconds(10)).startAll();
        MetadataQuorum leader = cluster.awaitLeader();
        append(leader, batch("t"));
        InetSocketAddress nowhere = new InetSocketAddress("127.0.0.1", 1);

        // when
        CompletableFuture<Void> first = leader.addVoter(new QuorumVoter(7, Uuid.randomUuid(), nowhere), 3_000)
            .toCompletableFuture();
        CompletableFuture<Void> second = leader.addVoter(new QuorumVoter(8, Uuid.randomUuid(), nowhere), 3_000)
            .toCompletableFuture();

        // then
        assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(TimeoutException.class)
            .hasMessageContaining("previous voter change");
        assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(TimeoutException.class);
        assertThat(ids(leader.voters())).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void theLeaderCanRemoveItselfAndTheOthersGoOn() throws Exception {
        // given
        cluster = new QuorumTestCluster(dir, Duration.ofSeconds(10)).startAll();
        MetadataQuorum leader = cluster.awaitLeader();
        append(leader, batch("before"));
        int oldLeader = leader.nodeId();

        // when
        leader.removeVoter(new QuorumVoter(oldLeader, Uuid.ZERO_UUID, new InetSocketAddress("127.0.0.1", 1)),
            TIMEOUT_MS).toCompletableFuture().get(30, TimeUnit.SECONDS);
        cluster.stop(oldLeader);
        MetadataQuorum newLeader = cluster.awaitLeader();
        List<MetadataRecord> after = append(newLeader, batch("after"));

        // then
        assertThat(newLeader.nodeId()).isNotEqualTo(oldLeader);
        assertThat(ids(newLeader.voters())).hasSize(2).doesNotContain(oldLeader);
        for (int id : cluster.runningIds()) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.listener(id).recordBatches()).endsWith(after));
        }
    }

    private static List<Integer> ids(List<QuorumVoter> voters) {
        return voters.stream().map(QuorumVoter::nodeId).toList();
    }

    private static List<MetadataRecord> append(MetadataQuorum leader, List<MetadataRecord> records) throws Exception {
        leader.append(records).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return records;
    }
}
