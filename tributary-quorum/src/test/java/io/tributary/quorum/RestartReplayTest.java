package io.tributary.quorum;

import static io.tributary.quorum.QuorumTestCluster.WAIT;
import static io.tributary.quorum.QuorumTestCluster.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartReplayTest {

    @TempDir
    Path dir;

    @Test
    void afterAFullRestartEveryListenerReplaysTheSameCommittedHistory() throws Exception {
        // given
        Map<Integer, List<RecordingListener.Batch>> before = new HashMap<>();
        try (QuorumTestCluster cluster = new QuorumTestCluster(dir, Duration.ofSeconds(10)).startAll()) {
            MetadataQuorum leader = cluster.awaitLeader();
            for (int i = 0; i < 5; i++) {
                leader.append(batch("t" + i, "u" + i)).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            for (int id : cluster.runningIds()) {
                await().atMost(WAIT).until(() -> cluster.listener(id).batches().size() == 5);
                before.put(id, cluster.listener(id).batches());
            }

            // when
            List.of(1, 2, 3).forEach(cluster::stop);
            cluster.startAll();

            // then
            for (int id : cluster.runningIds()) {
                RecordingListener listener = cluster.listener(id);
                await().atMost(WAIT).untilAsserted(() -> assertThat(listener.batches()).isEqualTo(before.get(id)));
            }
            assertThat(before.get(1)).isEqualTo(before.get(2)).isEqualTo(before.get(3));
            // The quorum keeps working on top of the replayed history.
            MetadataQuorum newLeader = cluster.awaitLeader();
            long offset = newLeader.append(batch("later")).toCompletableFuture().get(WAIT.toSeconds(),
                TimeUnit.SECONDS);
            assertThat(offset).isGreaterThan(before.get(1).get(4).offset());
            for (int id : cluster.runningIds()) {
                await().atMost(WAIT).until(() -> cluster.listener(id).batches().size() == 6);
            }
        }
    }
}
