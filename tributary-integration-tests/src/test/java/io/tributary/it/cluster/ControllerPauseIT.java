package io.tributary.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.it.nemesis.ClusterHealth;
import io.tributary.it.support.AcknowledgingProducer;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The active controller frozen (SIGSTOP) for longer than the Raft election timeout while brokers write through it,
 * then resumed: it must step down, follow the new Raft leader, and the cluster must be whole again (every broker
 * live, every partition with a full ISR). The nemesis found a controller that, resumed, never followed the new
 * leader again: every AppendEntries to it timed out, and its broker kept leaderships nobody else saw.
 */
@Tag("cluster")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ControllerPauseIT {

    private static final int ROUNDS = Integer.getInteger("controller.pause.rounds", 3);
    private static final Duration PAUSE = Duration.ofSeconds(5);
    private static final Duration HEAL_TIMEOUT = Duration.ofSeconds(45);

    @Test
    void pausedControllerFollowsTheNewLeaderOnceResumed() throws Exception {
        try (ProcessCluster cluster = new ProcessCluster("ControllerPauseIT", 3, Map.of("min.insync.replicas", "2",
                "controller.quorum.election.timeout.ms", "1000"), true)) {
            cluster.start();
            pauseAndCutTheControllerRepeatedly(cluster);
        }
    }

    private static void pauseAndCutTheControllerRepeatedly(ProcessCluster cluster) throws Exception {
        // given an acks=all producer writing through a 3-node cluster
        cluster.clients().admin().createTopics(List.of(new NewTopic("paused-controller", 3, (short) 3)))
                .all().get(30, TimeUnit.SECONDS);
        cluster.state().awaitFullIsr("paused-controller", Duration.ofSeconds(30));
        AcknowledgingProducer producer = new AcknowledgingProducer(cluster.clients(), "paused-controller", 3, "p",
                Map.of(), 500);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                // when the active controller is frozen past the election timeout, then resumed
                int controller = cluster.state().controllerLeaderId();
                ClusterNode node = cluster.node(controller);
                if (round % 2 == 1) {
                    pause(node);
                    Thread.sleep(1_000);
                    cut(cluster, controller);
                } else {
                    cut(cluster, controller);
                    Thread.sleep(1_000);
                    pause(node);
                }

                // then the cluster is whole again
                try {
                    new ClusterHealth(cluster).awaitWhole(HEAL_TIMEOUT);
                } catch (AssertionError | RuntimeException e) {
                    StringBuilder dumps = new StringBuilder(cluster.state().describeQuorum()).append('\n');
                    for (ClusterNode n : cluster.nodes()) {
                        dumps.append("==== threads of ").append(n).append('\n').append(n.threadDump()).append('\n');
                    }
                    throw new AssertionError("round " + round + ", paused controller " + controller + ": "
                            + e.getMessage() + "\n" + dumps + cluster.diagnostics(60), e);
                }
            }
        } finally {
            producer.stopAndCollect();
        }
        assertThat(producer.acknowledgedCount()).isPositive();
    }

    private static void pause(ClusterNode node) throws Exception {
        node.pause();
        Thread.sleep(PAUSE.toMillis());
        node.resume();
    }

    /** Drops every connection into the node (its Raft and client ports) for a few seconds. */
    private static void cut(ProcessCluster cluster, int nodeId) throws Exception {
        cluster.links(nodeId).set(io.tributary.it.nemesis.LinkMode.dropBoth());
        Thread.sleep(3_000);
        cluster.links(nodeId).set(io.tributary.it.nemesis.LinkMode.PASS);
    }
}
