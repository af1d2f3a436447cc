package io.tributary.quorum;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.errors.DuplicateVoterException;
import org.apache.kafka.common.errors.VoterNotFoundException;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.ReconfigurationInProgressException;
import org.apache.ratis.protocol.exceptions.ReconfigurationTimeoutException;
import org.apache.ratis.protocol.exceptions.SetConfigurationException;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;

/**
 * KIP-853's AddRaftVoter, RemoveRaftVoter and UpdateRaftVoter as Ratis membership changes, with Kafka's rules: only the ready leader
 * changes the voters, one change at a time (a change asked for while another is pending, or before the last one is
 * committed, times out at once as in Kafka), an id already a voter is a duplicate, a removal must name a voter by
 * id and directory id. Ratis brings an added voter up to date (its staging phase) before it commits the new
 * configuration, and answers once that configuration is committed; a voter that does not catch up in time fails
 * the change with a timeout and the configuration stays as it was.
 */
final class VoterChanges {

    private final RaftServer server;
    private final RaftServer.Division division;
    private final AppendReplies replies;
    private final ClientId clientId;
    private final AtomicLong callIds;
    private final AtomicBoolean pending = new AtomicBoolean();

    VoterChanges(RaftServer server, RaftServer.Division division, AppendReplies replies, ClientId clientId,
                 AtomicLong callIds) {
        this.server = server;
        this.division = division;
        this.replies = replies;
        this.clientId = clientId;
        this.callIds = callIds;
    }

    /** The voters of the configuration this node knows (the newest in its log, committed or not). */
    List<QuorumVoter> current() {
        return division.getRaftConf().getCurrentPeers().stream().map(RaftSettings::voterOf).toList();
    }

    CompletionStage<Void> add(QuorumVoter voter, long timeoutMs) {
        return change(timeoutMs, peers -> {
            for (RaftPeer peer : peers) {
                if (RaftSettings.voterOf(peer).nodeId() == voter.nodeId()) {
                    throw new DuplicateVoterException("The voter id for " + describe(voter)
                        + " is already part of the set of voters " + describeAll(peers) + ".");
                }
            }
            List<RaftPeer> next = new ArrayList<>(peers);
            next.add(RaftSettings.peer(voter, priority(peers)));
            return next;
        });
    }

    CompletionStage<Void> remove(QuorumVoter voter, long timeoutMs) {
        return change(timeoutMs, peers -> {
            List<RaftPeer> next = new ArrayList<>();
            boolean found = false;
            for (RaftPeer peer : peers) {
                QuorumVoter existing = RaftSettings.voterOf(peer);
                if (existing.nodeId() == voter.nodeId() && existing.directoryId().equals(voter.directoryId())) {
                    found = true;
                } else {
                    next.add(peer);
                }
            }
            if (!found || next.isEmpty()) {
                throw new VoterNotFoundException("Cannot remove voter " + describe(voter) + " from the set of voters "
                    + describeAll(peers));
            }
            return next;
        });
    }

    /**
     * KIP-853 UpdateRaftVoter: the voter with this id and directory id (VOTER_NOT_FOUND otherwise) is reached at
     * {@code voter}'s address from now on. Answered once the configuration that says so is committed; an unchanged
     * address is no change.
     */
    CompletionStage<Void> update(QuorumVoter voter, long timeoutMs) {
        for (QuorumVoter existing : current()) {
            if (existing.nodeId() == voter.nodeId() && existing.directoryId().equals(voter.directoryId())
                && sameAddress(existing, voter)) {
                return CompletableFuture.completedFuture(null);
            }
        }
        return change(timeoutMs, peers -> {
            boolean found = false;
            int priority = priority(peers) + 1;
            List<RaftPeer> next = new ArrayList<>();
            for (RaftPeer peer : peers) {
                QuorumVoter existing = RaftSettings.voterOf(peer);
                if (existing.nodeId() == voter.nodeId() && existing.directoryId().equals(voter.directoryId())) {
                    found = true;
                    next.add(RaftSettings.peer(voter, priority));
                } else {
                    next.add(RaftSettings.peer(existing, priority));
                }
            }
            if (!found) {
                throw new VoterNotFoundException("Cannot update voter " + describe(voter) + ": not in the set of "
                    + "voters " + describeAll(peers));
            }
            return next;
        });
    }

    private static boolean sameAddress(QuorumVoter a, QuorumVoter b) {
        return a.address().getHostString().equals(b.address().getHostString())
            && a.address().getPort() == b.address().getPort();
    }

    /** The voters' common priority (see {@link RaftSettings#peer(QuorumVoter, int)}). */
    private static int priority(List<RaftPeer> peers) {
        return peers.stream().mapToInt(RaftPeer::getPriority).max().orElse(0);
    }

    private interface NewPeers {
        List<RaftPeer> from(List<RaftPeer> current);
    }

    private CompletionStage<Void> change(long timeoutMs, NewPeers newPeers) {
        if (!division.getInfo().isLeader() || !division.getInfo().isLeaderReady()) {
            return CompletableFuture.failedFuture(new NotQuorumLeaderException(
                RaftSettings.nodeIdOf(division.getId()).orElseThrow(),
                RaftSettings.nodeIdOf(division.getInfo().getLeaderId())));
        }
        RaftConfiguration conf = division.getRaftConf();
        long committed = division.getRaftLog().getLastCommittedIndex();
        if (!conf.getPreviousPeers().isEmpty() || conf.getLogEntryIndex() > committed) {
            return CompletableFuture.failedFuture(new org.apache.kafka.common.errors.TimeoutException(
                "Request timed out waiting for voters to commit the latest voter change at "
                    + conf.getLogEntryIndex()));
        }
        if (!pending.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new org.apache.kafka.common.errors.TimeoutException(
                "Request timed out waiting for leader to handle previous voter change request"));
        }
        CompletableFuture<RaftClientReply> reply;
        try {
            List<RaftPeer> current = List.copyOf(conf.getCurrentPeers());
            List<RaftPeer> next = newPeers.from(current);
            // Compare-and-set: the change applies to the configuration the rules were checked against, or not at all.
            SetConfigurationRequest request = new SetConfigurationRequest(clientId, division.getId(),
                RaftSettings.GROUP_ID, callIds.incrementAndGet(), SetConfigurationRequest.Arguments.newBuilder()
                    .setServersInNewConf(next)
                    .setServersInCurrentConf(current)
                    .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
                    .build());
            reply = server.setConfigurationAsync(request);
        } catch (Exception e) {
            pending.set(false);
            return CompletableFuture.failedFuture(e instanceof java.io.IOException ? replies.translate(e) : e);
        }
        return reply.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).handle((answer, failure) -> {
            pending.set(false);
            Throwable cause = failure != null ? failure : answer.isSuccess() ? null : answer.getException();
            if (cause == null) {
                return null;
            }
            throw new CompletionException(translate(cause, timeoutMs));
        });
    }

    private Throwable translate(Throwable failure, long timeoutMs) {
        Throwable cause = replies.translate(failure);
        if (cause instanceof TimeoutException || cause instanceof ReconfigurationTimeoutException) {
            return new org.apache.kafka.common.errors.TimeoutException("The voter change was not committed within "
                + timeoutMs + " ms (a new voter must catch up with the leader's log first): " + cause.getMessage());
        }
        if (cause instanceof ReconfigurationInProgressException || cause instanceof SetConfigurationException) {
            return new org.apache.kafka.common.errors.TimeoutException(
                "Request timed out waiting for leader to handle previous voter change request: "
                    + cause.getMessage());
        }
        return cause;
    }

    private static String describe(QuorumVoter voter) {
        return "ReplicaKey(id=" + voter.nodeId() + ", directoryId=" + voter.directoryId() + ")";
    }

    private static String describeAll(Collection<RaftPeer> peers) {
        return peers.stream().map(RaftSettings::voterOf).map(VoterChanges::describe).toList().toString();
    }
}
