package io.tributary.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.it.nemesis.ClusterHealth;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node's disk fills up while the metadata quorum keeps writing: its Raft log (same disk) cannot grow. Small
 * metadata log segments (64 KiB) make the log roll, and so need new space, within a few metadata writes. Once the
 * space is freed the node must catch up again without a restart: its log end offset reaches the leader's, and the
 * cluster is whole. Needs root (tmpfs per node); skipped otherwise.
 */
@Tag("cluster")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FullDiskQuorumIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    /** Enough metadata to roll 64 KiB segments several times. */
    private static final int QUOTA_WRITES = 40;
    private static final int NAME_CHARS = 8 * 1024;

    @Test
    void aQuorumFollowerWhoseDiskFilledUpCatchesUpOnceSpaceIsFreed() throws Exception {
        fillAndFree(false);
    }

    @Test
    void theActiveControllerWhoseDiskFilledUpLetsTheQuorumGoOnAndCatchesUp() throws Exception {
        fillAndFree(true);
    }

    private static void fillAndFree(boolean controller) throws Exception {
        try (ProcessCluster cluster = new ProcessCluster("FullDiskQuorumIT", 3,
                Map.of("metadata.log.segment.bytes", "65536"), true)) {
            assumeThat(cluster.mountOwnDisks(64)).as("mounting a tmpfs per node (needs root)").isTrue();
            cluster.start();
            ClusterHealth health = new ClusterHealth(cluster);
            health.awaitWhole(CATCH_UP);

            // given one node's disk full: the active controller, or a follower of the quorum
            int leader = cluster.state().controllerLeaderId();
            int full = controller ? leader : cluster.allIds().stream().filter(id -> id != leader).findFirst()
                    .orElseThrow();
            NodeDisk disk = cluster.disk(full).orElseThrow();
            disk.fill();

            // when the quorum writes more metadata than the node's log has room for (as far as the quorum takes it)
            int written = writeQuotas(cluster, "while-full");

            // then, once space is freed, the node catches up without a restart
            disk.free();
            int more = writeQuotas(cluster, "after");
            System.out.println("[full-disk] node " + full + " (controller: " + controller + ") full; quota writes "
                    + written + " while full, " + more + " after; " + cluster.state().describeQuorum());
            assertThat(more).as("metadata writes once space is freed").isEqualTo(QUOTA_WRITES);
            await("node " + full + " caught up with the quorum").atMost(CATCH_UP).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> caughtUp(cluster.state().quorum(), full));
            health.awaitWhole(CATCH_UP);
            assertThat(cluster.node(full).isRunning()).as("node " + full + " still running").isTrue();
        }
    }

    /** Client quotas on users with 8 KiB names: each write is a metadata record of that size; returns how many took. */
    private static int writeQuotas(ProcessCluster cluster, String tag) {
        int accepted = 0;
        for (int i = 0; i < QUOTA_WRITES; i++) {
            String user = tag + "-" + i + "-" + "u".repeat(NAME_CHARS);
            ClientQuotaAlteration alteration = new ClientQuotaAlteration(
                    new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, user)),
                    List.of(new ClientQuotaAlteration.Op("producer_byte_rate", 1_000_000.0)));
            try {
                cluster.state().admin().alterClientQuotas(List.of(alteration)).all().get(15, TimeUnit.SECONDS);
                accepted++;
            } catch (Exception e) {
                System.out.println("[full-disk] quota write " + tag + "-" + i + " failed: " + e);
            }
        }
        return accepted;
    }

    private static boolean caughtUp(QuorumInfo quorum, int nodeId) {
        long end = quorum.voters().stream().filter(voter -> voter.replicaId() == quorum.leaderId())
                .mapToLong(QuorumInfo.ReplicaState::logEndOffset).findFirst().orElse(-1);
        return quorum.voters().stream().anyMatch(voter -> voter.replicaId() == nodeId && voter.logEndOffset() >= end);
    }
}
