package io.tributary.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A follower told its leader died starts the election at once instead of after its election timeout. */
class LeaderDeathElectionTest {

    /** Far longer than the failover this test expects, so only the forced election can explain it. */
    private static final Duration ELECTION_MIN = Duration.ofSeconds(8);
    private static final Duration ELECTION_MAX = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private QuorumTestCluster cluster;

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void aFollowerOfADeadLeaderIsElectedWithoutWaitingForItsTimeout() throws Exception {
        // given
        cluster = new QuorumTestCluster(dir, Duration.ofSeconds(10))
                .withElectionTimeout(ELECTION_MIN, ELECTION_MAX).startAll();
        MetadataQuorum oldLeader = cluster.awaitLeader();
        int oldLeaderId = oldLeader.nodeId();
        oldLeader.append(QuorumTestCluster.batch("before")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        MetadataQuorum follower = cluster.aFollowerOf(oldLeader);
        int otherLeaderId = cluster.runningIds().stream()
                .filter(id -> id != oldLeaderId && id != follower.nodeId()).findFirst().orElseThrow();

        // when
        cluster.stop(oldLeaderId);
        long start = System.nanoTime();
        boolean wrongLeader = follower.startElectionWithoutLeader(otherLeaderId);
        boolean started = follower.startElectionWithoutLeader(oldLeaderId);
        MetadataQuorum newLeader = cluster.awaitLeader();
        Duration failover = Duration.ofNanos(System.nanoTime() - start);

        // then
        assertThat(wrongLeader).as("only the leader it follows").isFalse();
        assertThat(started).isTrue();
        assertThat(newLeader.nodeId()).isEqualTo(follower.nodeId());
        assertThat(failover).as("well below the 8-10 s election timeout").isLessThan(ELECTION_MIN);
        newLeader.append(QuorumTestCluster.batch("after")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (int id : cluster.runningIds()) {
            org.awaitility.Awaitility.await().atMost(QuorumTestCluster.WAIT).untilAsserted(() ->
                    assertThat(cluster.listener(id).recordBatches()).hasSize(2));
        }
    }
}
