package io.tributary.broker.liveness;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.network.client.LivenessProber;
import io.tributary.network.client.LivenessProber.Result;
import io.tributary.network.client.LivenessProber.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a follower of the metadata quorum: notices that the Raft leader's process died and starts the election at
 * once, instead of after the 1-2 s election timeout, so that a combined node that was both a partition leader and
 * the active controller is replaced about as fast as a broker that was not.
 *
 * <p>The evidence is the one {@link BrokerLivenessWatch} fences brokers on: an idle connection to the leader's
 * inter-broker listener (its broker runs in the same process) closes, and two probes 100 ms apart find it
 * {@link Verdict#GONE gone}: refused, or accepted and closed unanswered. A paused, overloaded or cut-off leader
 * neither answers nor refuses, so it is left to Raft's own timeouts, as before: a GC pause never causes an election
 * that the election timeout would not have caused. Of the followers, the one with the lowest id starts at once and
 * the others only after {@link #STAGGER_MS} if no new leader was elected meanwhile, so two candidates do not split
 * the vote. A leader without a broker registration (a controller-only node) has no listener to watch here: its
 * followers wait for the election timeout.
 *
 * <p>All state is confined to one scheduler thread.
 */
public final class QuorumLeaderWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QuorumLeaderWatch.class);
    private static final long RECONCILE_INTERVAL_MS = 50;
    /** Between the two probes that must both find the process gone. */
    private static final long CONFIRM_DELAY_MS = 100;
    /** Before probing again a leader that did not answer, or after an election was asked for. */
    private static final long RETRY_DELAY_MS = 1000;
    /** How long a follower that is not the first in line leaves the first one to win the election. */
    static final long STAGGER_MS = 500;

    /** This node's side of the quorum. */
    public interface Follower {
        /** The Raft leader this node knows of (itself included), if any. */
        OptionalInt leaderId();

        /** Starts an election now because {@code deadLeaderId} died; false if Raft declined (see the quorum). */
        boolean startElectionWithoutLeader(int deadLeaderId);
    }

    private final int selfId;
    private final List<Integer> voters;
    private final String listenerName;
    private final Follower quorum;
    private final Supplier<MetadataImage> image;
    private final LivenessProber prober;
    private final ScheduledExecutorService thread;

    private int leader = -1;
    private LivenessProber.Watch connection;
    private boolean probing;
    private int goneInARow;
    private long nextProbeMs;

    /** @param voters every voter's node id, this node's included */
    public QuorumLeaderWatch(int selfId, List<Integer> voters, String listenerName, Follower quorum,
                             Supplier<MetadataImage> image, int probeTimeoutMs) {
        this.selfId = selfId;
        this.voters = List.copyOf(voters);
        this.listenerName = listenerName;
        this.quorum = quorum;
        this.image = image;
        this.prober = new LivenessProber("tributary-quorum-liveness-" + selfId, probeTimeoutMs);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tributary-quorum-liveness");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::reconcile, 0, RECONCILE_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Watches the leader this node follows; nothing while it leads, or knows no leader. */
    private void reconcile() {
        try {
            OptionalInt known = quorum.leaderId();
            int current = known.isPresent() && known.getAsInt() != selfId ? known.getAsInt() : -1;
            if (current != leader) {
                closeConnection();
                leader = current;
                goneInARow = 0;
                nextProbeMs = 0;
            }
            if (leader >= 0 && connection == null && !probing && System.currentTimeMillis() >= nextProbeMs) {
                endpointOf(leader).ifPresent(this::probe);
            }
        } catch (RuntimeException e) {
            LOG.warn("Quorum leader watch failed; trying again", e);
        }
    }

    private Optional<BrokerRegistration.Listener> endpointOf(int nodeId) {
        return image.get().brokers().get(nodeId).flatMap(b -> b.endpoint(listenerName))
                .filter(e -> e.securityProtocol() == SecurityProtocol.PLAINTEXT
                        || e.securityProtocol() == SecurityProtocol.SASL_PLAINTEXT);
    }

    private void probe(BrokerRegistration.Listener endpoint) {
        probing = true;
        int probed = leader;
        prober.probe(endpoint.host(), endpoint.port()).whenComplete((result, error) -> thread.execute(() -> {
            probing = false;
            if (probed != leader) {
                if (result != null && result.watch() != null) {
                    result.watch().close();
                }
                return;
            }
            onProbed(error == null ? result : new Result(Verdict.UNKNOWN, error.toString(), null));
        }));
    }

    private void onProbed(Result result) {
        switch (result.verdict()) {
            case ANSWERING -> {
                goneInARow = 0;
                LivenessProber.Watch watch = result.watch();
                connection = watch;
                watch.lost().thenRun(() -> thread.execute(() -> {
                    if (connection == watch) {
                        // The process died, or closed an idle connection: probe again at once.
                        connection = null;
                        nextProbeMs = 0;
                    }
                }));
            }
            case GONE -> {
                goneInARow++;
                if (goneInARow < 2) {
                    nextProbeMs = System.currentTimeMillis() + CONFIRM_DELAY_MS;
                } else {
                    leaderGone(leader, result.detail());
                }
            }
            case UNKNOWN -> {
                goneInARow = 0;
                nextProbeMs = System.currentTimeMillis() + RETRY_DELAY_MS;
            }
        }
    }

    private void leaderGone(int deadLeader, String evidence) {
        goneInARow = 0;
        nextProbeMs = System.currentTimeMillis() + RETRY_DELAY_MS;
        long delayMs = firstInLine(deadLeader) ? 0 : STAGGER_MS;
        LOG.warn("Metadata quorum leader {} looks dead: {} (twice); {}", deadLeader, evidence,
                delayMs == 0 ? "starting an election now" : "starting an election in " + delayMs + " ms unless "
                        + "another follower won one");
        thread.schedule(() -> {
            if (quorum.leaderId().equals(OptionalInt.of(deadLeader))) {
                quorum.startElectionWithoutLeader(deadLeader);
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    /** The lowest id among the voters other than the dead leader goes first. */
    private boolean firstInLine(int deadLeader) {
        return voters.stream().filter(id -> id != deadLeader).min(Integer::compare).orElse(selfId) == selfId;
    }

    private void closeConnection() {
        if (connection != null) {
            LivenessProber.Watch closing = connection;
            connection = null;
            closing.close();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
        prober.close();
    }
}
