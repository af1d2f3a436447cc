package io.tributary.it.nemesis;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.tributary.it.cluster.ProcessCluster;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.QuorumInfo;

/**
 * Whether the cluster is whole again: every node a live broker, every node a voter of the metadata quorum whose log
 * reaches the quorum's high watermark (a node whose Raft log stopped can still be a live broker, on a frozen image),
 * and every partition of every topic (the internal ones too) with a leader and all its replicas in the ISR.
 */
public final class ClusterHealth {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final ProcessCluster cluster;

    public ClusterHealth(ProcessCluster cluster) {
        this.cluster = cluster;
    }

    public boolean isWhole() throws Exception {
        if (!cluster.state().liveBrokerIds().equals(cluster.allIds())) {
            return false;
        }
        if (!quorumCaughtUp(cluster.state().quorum())) {
            return false;
        }
        Set<String> topics = cluster.state().admin().listTopics(new ListTopicsOptions().listInternal(true)).names()
                .get(10, TimeUnit.SECONDS);
        for (String topic : topics) {
            if (!cluster.state().hasFullIsr(topic)) {
                return false;
            }
        }
        return true;
    }

    private boolean quorumCaughtUp(QuorumInfo quorum) {
        Set<Integer> voters = quorum.voters().stream().map(QuorumInfo.ReplicaState::replicaId)
                .collect(Collectors.toSet());
        return quorum.leaderId() >= 0 && voters.equals(cluster.allIds())
                && quorum.voters().stream().allMatch(voter -> voter.logEndOffset() >= quorum.highWatermark());
    }

    /** Waits until the cluster is whole and returns how long that took; fails after the timeout. */
    public Duration awaitWhole(Duration timeout) {
        long start = System.nanoTime();
        await("every broker live, every voter caught up, every partition led with a full ISR").atMost(timeout)
                .pollInterval(POLL_INTERVAL).ignoreExceptions().until(this::isWhole);
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
