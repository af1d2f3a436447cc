package io.tributary.server;

import io.tributary.metadata.log.QuorumInfo;
import io.tributary.network.client.NodeClient;
import io.tributary.quorum.QuorumMetadataLog;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.UpdateRaftVoterRequestData;
import org.apache.kafka.common.message.UpdateRaftVoterResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.UpdateRaftVoterRequest;
import org.apache.kafka.common.requests.UpdateRaftVoterResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KIP-853: a voter whose controller listener endpoint differs from the one the voter set holds for it (it restarted
 * on another port or host) sends UpdateRaftVoter to the leader, as Kafka's KafkaRaftClient does. Kafka's follower
 * waits until it has fetched from the leader; here the leader pushes the log (Ratis), and it cannot reach this node
 * before it knows the new endpoint, so the request goes out at once: to the leader this node knows, else to each
 * other voter in turn, whose NOT_LEADER_OR_FOLLOWER (or epoch error) names the leader and its epoch to try next.
 * Checked every second while the node runs; nothing is sent while the endpoints agree.
 */
final class VoterEndpointAnnouncer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VoterEndpointAnnouncer.class);
    private static final long PERIOD_MS = 1_000;
    private static final long REQUEST_TIMEOUT_MS = 10_000;

    private final QuorumMetadataLog log;
    private final Supplier<String> clusterId;
    private final QuorumInfo.Endpoint local;
    private final NodeClient client;
    private final ScheduledFuture<?> task;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile int leaderHint = -1;
    /** The leader and epoch the last answer named: this node's own term may have moved on without a leader. */
    private volatile int epochHint = -1;
    private int nextTarget;

    /** @param local this node's endpoint of the controller listener, as the others should reach it */
    VoterEndpointAnnouncer(QuorumMetadataLog log, Supplier<String> clusterId, QuorumInfo.Endpoint local,
                           NodeClient client, ScheduledExecutorService scheduler) {
        this.log = log;
        this.clusterId = clusterId;
        this.local = local;
        this.client = client;
        this.task = scheduler.scheduleWithFixedDelay(this::check, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            QuorumInfo quorum = log.describe();
            Optional<QuorumInfo.Voter> self = quorum.voters().stream()
                    .filter(v -> v.nodeId() == log.nodeId() && v.directoryId().equals(log.directoryId()))
                    .findFirst();
            // Only a voter known by its directory id (kraft.version 1) is updated, as in Kafka.
            if (self.isEmpty() || Uuid.ZERO_UUID.equals(log.directoryId()) || holdsLocal(self.get())
                    || !inFlight.compareAndSet(false, true)) {
                return;
            }
            if (log.writerEpoch() >= 0) {
                // This node leads (the others answered its votes): it changes its own entry.
                log.updateVoter(log.nodeId(), log.directoryId(), List.of(local), REQUEST_TIMEOUT_MS)
                        .whenComplete((ignored, failure) -> done(failure == null ? Errors.NONE
                                : Errors.forException(failure), "itself"));
                return;
            }
            send(quorum);
        } catch (RuntimeException e) {
            inFlight.set(false);
            LOG.warn("Could not check this voter's endpoint in the voter set", e);
        }
    }

    private boolean holdsLocal(QuorumInfo.Voter self) {
        return self.endpoints().stream().anyMatch(e -> e.listenerName().equalsIgnoreCase(local.listenerName())
                && e.host().equalsIgnoreCase(local.host()) && e.port() == local.port());
    }

    private void send(QuorumInfo quorum) {
        Map<Integer, InetSocketAddress> voters = log.voters();
        int leader = leaderHint >= 0 ? leaderHint : quorum.leaderId();
        InetSocketAddress target = leader >= 0 && leader != log.nodeId() ? voters.get(leader) : null;
        if (target == null) {
            List<InetSocketAddress> others = new ArrayList<>();
            voters.forEach((id, address) -> {
                if (id != log.nodeId()) {
                    others.add(address);
                }
            });
            if (others.isEmpty()) {
                inFlight.set(false);
                return;
            }
            target = others.get(Math.floorMod(nextTarget++, others.size()));
        }
        UpdateRaftVoterRequestData data = new UpdateRaftVoterRequestData()
                .setClusterId(clusterId.get())
                .setCurrentLeaderEpoch(epochHint >= 0 ? epochHint : quorum.leaderEpoch())
                .setVoterId(log.nodeId())
                .setVoterDirectoryId(log.directoryId());
        data.listeners().add(new UpdateRaftVoterRequestData.Listener().setName(local.listenerName())
                .setHost(local.host()).setPort(local.port()));
        data.kRaftVersionFeature().setMinSupportedVersion((short) 0).setMaxSupportedVersion((short) 1);
        InetSocketAddress to = target;
        client.send(to.getHostString(), to.getPort(), new UpdateRaftVoterRequest.Builder(data).build((short) 0),
                REQUEST_TIMEOUT_MS).whenComplete((response, failure) -> {
                    if (failure != null) {
                        leaderHint = -1;
                        done(Errors.forException(failure), to.toString());
                        return;
                    }
                    UpdateRaftVoterResponseData answer = ((UpdateRaftVoterResponse) response).data();
                    leaderHint = answer.currentLeader().leaderId();
                    epochHint = answer.currentLeader().leaderEpoch();
                    done(Errors.forCode(answer.errorCode()), to.toString());
                });
    }

    private void done(Errors error, String target) {
        inFlight.set(false);
        if (error == Errors.NONE) {
            LOG.info("The voter set now reaches this controller at {}:{} (UpdateRaftVoter to {})", local.host(),
                    local.port(), target);
        } else {
            LOG.info("UpdateRaftVoter to {} answered {}; retrying", target, error);
        }
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
