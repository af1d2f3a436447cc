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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.record.MetadataRecord;

class FailoverTest {

    @TempDir
    Path dir;

    private QuorumTestCluster cluster;

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void aNewLeaderTakesOverAndTheRestartedPeerCatchesUpWithoutDuplicatesOrGaps() throws Exception {
        // given
        cluster = new QuorumTestCluster(dir, Duration.ofSeconds(10)).startAll();
        MetadataQuorum oldLeader = cluster.awaitLeader();
        int oldLeaderId = oldLeader.nodeId();
        List<List<MetadataRecord>> committed = new ArrayList<>();
        committed.add(appendOn(oldLeader, batch("before-1")));
        committed.add(appendOn(oldLeader, batch("before-2", "before-3")));

        // when
        cluster.stop(oldLeaderId);
        long failoverStart = System.nanoTime();
        MetadataQuorum newLeader = cluster.awaitLeader();
        Duration failover = Duration.ofNanos(System.nanoTime() - failoverStart);
        committed.add(appendOn(newLeader, batch("after-1")));
        committed.add(appendOn(newLeader, batch("after-2")));
        cluster.start(oldLeaderId);
        committed.add(appendOn(cluster.awaitLeader(), batch("after-restart")));

        // then
        assertThat(newLeader.nodeId()).isNotEqualTo(oldLeaderId);
        assertThat(failover).isLessThan(Duration.ofSeconds(15));
        for (int id : cluster.runningIds()) {
            RecordingListener listener = cluster.listener(id);
            await().atMost(WAIT).untilAsserted(() -> assertThat(listener.recordBatches()).isEqualTo(committed));
        }
        assertThat(cluster.listener(oldLeaderId).batches())
            .isEqualTo(cluster.listener(newLeader.nodeId()).batches());
    }

    @Test
    void withoutAMajorityNothingCommitsUntilAPeerReturns() throws Exception {
        // given
        cluster = new QuorumTestCluster(dir, Duration.ofSeconds(2)).startAll();
        MetadataQuorum leader = cluster.awaitLeader();
        List<MetadataRecord> first = appendOn(leader, batch("first"));
        List<Integer> followers = cluster.runningIds().stream().filter(id -> id != leader.nodeId()).toList();
        for (int id : cluster.runningIds()) {
            await().atMost(WAIT).until(() -> cluster.listener(id).batches().size() == 1);
        }
        followers.forEach(cluster::stop);

        // when
        List<MetadataRecord> stranded = batch("stranded");
        // Fails either by timing out or, once the leader notices it lost its majority, as not the controller.
        assertThatThrownBy(() -> leader.append(stranded).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOfAny(org.apache.kafka.common.errors.TimeoutException.class,
                org.apache.kafka.common.errors.NotControllerException.class);
        await("the stranded batch stays uncommitted").during(Duration.ofMillis(500)).atMost(WAIT)
            .untilAsserted(() -> assertThat(cluster.listener(leader.nodeId()).recordBatches()).containsExactly(first));
        cluster.start(followers.get(0));

        // then
        MetadataQuorum newLeader = cluster.awaitLeader();
        List<MetadataRecord> last = appendOn(newLeader, batch("last"));
        for (int id : cluster.runningIds()) {
            RecordingListener listener = cluster.listener(id);
            await().atMost(WAIT).untilAsserted(() ->
                assertThat(listener.recordBatches()).containsExactly(first, stranded, last));
        }
    }

    private static List<MetadataRecord> appendOn(MetadataQuorum leader, List<MetadataRecord> records)
        throws Exception {
        leader.append(records).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return records;
    }
}
