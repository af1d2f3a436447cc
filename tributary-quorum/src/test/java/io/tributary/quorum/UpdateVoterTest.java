package io.tributary.quorum;

import static io.tributary.quorum.QuorumTestCluster.WAIT;
import static io.tributary.quorum.QuorumTestCluster.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.VoterNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.record.MetadataRecord;

/**
 * KIP-853 UpdateRaftVoter over Ratis: a voter restarted on another port is given its new address, the leader and
 * the other voters reach it there (the quorum needs it to commit), and a voter the request does not name by id and
 * directory id is not found.
 */
class UpdateVoterTest {

    private static final long TIMEOUT_MS = 20_000;

    @TempDir
    Path dir;

    private QuorumTestCluster cluster;

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void aVoterRestartedOnAnotherPortIsReachedThereOnceItsEndpointIsUpdated() throws Exception {
        // given: voters 1-3 and voter 4, added with a directory id
        cluster = new QuorumTestCluster(dir, Duration.ofSeconds(10)).startAll();
        MetadataQuorum leader = cluster.awaitLeader();
        Uuid directoryId = Uuid.randomUuid();
        cluster.startJoining(4, directoryId);
        leader.addVoter(new QuorumVoter(4, directoryId, cluster.joinerAddress(4)), TIMEOUT_MS)
            .toCompletableFuture().get(30, TimeUnit.SECONDS);
        append(leader, batch("before-move"));

        // when: voter 4 restarts on another port and the leader is told
        cluster.stop(4);
        InetSocketAddress moved = cluster.moveJoiner(4);
        cluster.start(4);
        leader.updateVoter(new QuorumVoter(4, directoryId, moved), TIMEOUT_MS).toCompletableFuture()
            .get(30, TimeUnit.SECONDS);

        // then: the committed voter set names the new address, on every voter
        for (int id : cluster.runningIds()) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.node(id).voters())
                .filteredOn(v -> v.nodeId() == 4).singleElement()
                .satisfies(v -> assertThat(v.address().getPort()).isEqualTo(moved.getPort()))
                .satisfies(v -> assertThat(v.directoryId()).isEqualTo(directoryId)));
        }

        // when: a static follower stops, so no majority of the four voters is reached without voter 4
        int stopped = cluster.runningIds().stream().filter(id -> id != leader.nodeId() && id != 4).findFirst()
            .orElseThrow();
        cluster.stop(stopped);
        List<MetadataRecord> afterMove = batch("after-move");
        append(leader, afterMove);

        // then: voter 4 took part in the commit at its new address
        await().atMost(WAIT).untilAsserted(() ->
            assertThat(cluster.listener(4).recordBatches()).endsWith(afterMove));
    }

    @Test
    void anUnknownVoterOrAnotherDirectoryIdIsNotFoundAndAFollowerIsNotTheLeader() throws Exception {
        // given
        cluster = new QuorumTestCluster(dir, Duration.ofSeconds(10)).startAll();
        MetadataQuorum leader = cluster.awaitLeader();
        Uuid directoryId = Uuid.randomUuid();
        cluster.startJoining(4, directoryId);
        InetSocketAddress address = cluster.joinerAddress(4);
        leader.addVoter(new QuorumVoter(4, directoryId, address), TIMEOUT_MS).toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
        InetSocketAddress elsewhere = new InetSocketAddress("127.0.0.1", 1);

        // when / then
        assertThatThrownBy(() -> leader.updateVoter(new QuorumVoter(9, directoryId, elsewhere), TIMEOUT_MS)
            .toCompletableFuture().get(30, TimeUnit.SECONDS)).cause().isInstanceOf(VoterNotFoundException.class);
        assertThatThrownBy(() -> leader.updateVoter(new QuorumVoter(4, Uuid.randomUuid(), elsewhere), TIMEOUT_MS)
            .toCompletableFuture().get(30, TimeUnit.SECONDS)).cause().isInstanceOf(VoterNotFoundException.class);
        MetadataQuorum follower = cluster.aFollowerOf(leader);
        assertThatThrownBy(() -> follower.updateVoter(new QuorumVoter(4, directoryId, elsewhere), TIMEOUT_MS)
            .toCompletableFuture().get(30, TimeUnit.SECONDS)).cause().isInstanceOf(NotQuorumLeaderException.class);
        // and the voter set is as it was
        assertThat(leader.voters()).filteredOn(v -> v.nodeId() == 4).singleElement()
            .satisfies(v -> assertThat(v.address().getPort()).isEqualTo(address.getPort()));
    }

    private static void append(MetadataQuorum leader, List<MetadataRecord> batch) throws Exception {
        leader.append(batch).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
