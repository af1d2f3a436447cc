package io.tributary.quorum;

import io.tributary.metadata.snapshot.MetadataSnapshot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto;
import org.apache.ratis.proto.RaftProtos.StartLeaderElectionRequestProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.ProtoUtils;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.MetadataRecord;

/**
 * This controller's membership in the Raft metadata quorum. Appends go to the local Ratis server (no client
 * round trip, no retries that could hide a leader change); every voter's listeners see the committed batches.
 * Offsets are Raft log indices. The image is snapshotted as the config's {@link
 * io.tributary.metadata.snapshot.SnapshotPolicy} says ({@link #imageApplied}); a restart loads the newest snapshot
 * and replays the log after it.
 */
public final class MetadataQuorum implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MetadataQuorum.class);
    private static final long SNAPSHOT_TIMEOUT_MS = 60_000;

    private final QuorumConfig config;
    private final RaftServer server;
    private final RaftServer.Division division;
    private final MetadataStateMachine stateMachine;
    private final AppendReplies replies;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final VoterChanges voterChanges;

    private MetadataQuorum(QuorumConfig config, RaftServer server, MetadataStateMachine stateMachine)
        throws IOException {
        this.config = config;
        this.server = server;
        this.division = server.getDivision(RaftSettings.GROUP_ID);
        this.stateMachine = stateMachine;
        this.replies = new AppendReplies(config.nodeId());
        this.voterChanges = new VoterChanges(server, division, replies, clientId, callIds);
        PeerAddresses addresses = new PeerAddresses(server, division);
        stateMachine.onConfigurationChanged(addresses::refresh);
        stateMachine.onSnapshotDue(this::requestSnapshot);
    }

    /**
     * Joins the quorum. {@code listener} (may be null) is registered before the server starts, so it sees the
     * batches replayed from the local log and then every new committed batch, each exactly once.
     */
    public static MetadataQuorum start(QuorumConfig config, CommittedBatchListener listener) throws IOException {
        return start(config, listener, cause -> { });
    }

    /**
     * As above; {@code onLogFailed} hears (on Ratis' log thread, possibly many times) that the local Raft log could
     * not be written, e.g. a full disk: Ratis then fails every later write of this server until it is restarted.
     */
    public static MetadataQuorum start(QuorumConfig config, CommittedBatchListener listener,
                                       Consumer<Throwable> onLogFailed) throws IOException {
        MetadataStateMachine stateMachine = new MetadataStateMachine(config.snapshots());
        if (listener != null) {
            stateMachine.addListener(listener);
        }
        stateMachine.onLogFailed(onLogFailed);
        RaftServer server = RaftServer.newBuilder()
            .setServerId(RaftSettings.peerId(config.nodeId()))
            .setGroup(RaftSettings.group(config.voters()))
            .setProperties(RaftSettings.properties(config))
            .setStateMachine(stateMachine)
            // Formats an empty data dir, reopens an existing one.
            .setOption(RaftStorage.StartupOption.RECOVER)
            .build();
        try {
            server.start();
            return new MetadataQuorum(config, server, stateMachine);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Replicates {@code batch} as one atomic log entry. Completes with its offset once a majority has it and this
     * node's listeners have seen it; fails with {@link NotQuorumLeaderException} (a NotControllerException) on a
     * node that is not the ready leader, and with Kafka's TimeoutException after the append timeout. A timed-out
     * batch may still commit later, like a Kafka produce that timed out.
     */
    public CompletionStage<Long> append(List<MetadataRecord> batch) {
        if (batch.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("cannot append an empty batch"));
        }
        RaftClientRequest request = RaftClientRequest.newBuilder()
            .setClientId(clientId)
            .setServerId(division.getId())
            .setGroupId(RaftSettings.GROUP_ID)
            .setCallId(callIds.incrementAndGet())
            .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(RecordBatchCodec.encode(batch))))
            .setType(RaftClientRequest.writeRequestType())
            .build();
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = server.submitClientRequestAsync(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(replies.translate(e));
        }
        long timeoutMs = config.appendTimeout().toMillis();
        return reply
            .orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .handle((answer, failure) -> {
                if (failure == null) {
                    return replies.offsetOf(answer);
                }
                Throwable cause = replies.translate(failure);
                if (cause instanceof TimeoutException) {
                    cause = new org.apache.kafka.common.errors.TimeoutException(
                        "metadata batch not committed by a majority within " + timeoutMs + " ms");
                }
                throw cause instanceof CompletionException completion ? completion : new CompletionException(cause);
            });
    }

    /**
     * The image this node built from the committed batches, up to {@code image.offset()}: kept as the content of
     * the next snapshot, which is asked for when the snapshot policy says so.
     */
    public void imageApplied(MetadataImage image) {
        stateMachine.imageApplied(image);
    }

    /** The newest local snapshot (what a node that is behind the log start gets instead), or null. */
    public MetadataSnapshot latestSnapshot() throws IOException {
        return stateMachine.latestSnapshot();
    }

    /** The Raft index the newest local snapshot covers, or -1. */
    public long snapshotIndex() {
        return stateMachine.snapshotIndex();
    }

    /** The first index still in the local Raft log (earlier ones were purged after a snapshot). */
    public long logStartIndex() {
        return division.getRaftLog().getStartIndex();
    }

    /**
     * Asks Ratis to take a snapshot; its state machine updater calls takeSnapshot between two applied entries,
     * then purges the log up to it. Asynchronous: the caller is the apply thread, which must not wait on Ratis.
     */
    private void requestSnapshot() {
        SnapshotManagementRequest request = SnapshotManagementRequest.newCreate(clientId, division.getId(),
            RaftSettings.GROUP_ID, callIds.incrementAndGet(), SNAPSHOT_TIMEOUT_MS, 1);
        try {
            server.snapshotManagementAsync(request).whenComplete((reply, failure) -> {
                stateMachine.snapshotRequestDone();
                if (failure != null || !reply.isSuccess()) {
                    LOG.warn("The metadata snapshot was not taken: {}",
                        failure != null ? failure.toString() : reply.getException());
                }
            });
        } catch (RuntimeException e) {
            stateMachine.snapshotRequestDone();
            LOG.warn("Could not ask for a metadata snapshot", e);
        }
    }

    /** The leader this node knows of, if any. */
    public OptionalInt leaderId() {
        return RaftSettings.nodeIdOf(division.getInfo().getLeaderId());
    }

    /**
     * Starts a Raft election on this follower at once, without waiting for its election timeout, because the caller
     * found {@code deadLeaderId}, the leader it follows, dead on evidence (its process refuses connections). This is
     * Ratis' own leadership-transfer path (StartLeaderElection, as a leader sends it to its chosen successor), asked
     * for here on the dead leader's behalf: Ratis still checks that this node is a follower of that leader in the
     * current term with a log as long as the leader's last entry it received, and the election itself keeps every
     * Raft rule (a majority must grant its vote, a voter grants only a log at least as up to date as its own). Only
     * the wait is skipped, and the pre-vote round a timeout election would start with.
     *
     * @return whether the election was started (false: not a follower of that leader any more, or not caught up
     *         with its term, in which case the election timeout still applies)
     */
    public boolean startElectionWithoutLeader(int deadLeaderId) {
        org.apache.ratis.server.DivisionInfo info = division.getInfo();
        RaftPeerId deadLeader = RaftSettings.peerId(deadLeaderId);
        TermIndex last = division.getRaftLog().getLastEntryTermIndex();
        if (!info.isFollower() || !deadLeader.equals(info.getLeaderId()) || last == null
                || last.getTerm() != info.getCurrentTerm()) {
            return false;
        }
        StartLeaderElectionRequestProto request = StartLeaderElectionRequestProto.newBuilder()
                .setServerRequest(RaftRpcRequestProto.newBuilder()
                        .setRequestorId(deadLeader.toByteString())
                        .setReplyId(division.getId().toByteString())
                        .setRaftGroupId(ProtoUtils.toRaftGroupIdProtoBuilder(RaftSettings.GROUP_ID))
                        .setCallId(callIds.incrementAndGet()))
                .setLeaderLastEntry(last.toProto())
                .build();
        try {
            boolean started = server.startLeaderElection(request).getServerReply().getSuccess();
            LOG.info("Node {}: leader {} of term {} is gone; {}", config.nodeId(), deadLeaderId,
                    info.getCurrentTerm(), started ? "election started at once" : "Ratis declined an election now");
            return started;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Node {}: could not start an election after leader {} died", config.nodeId(), deadLeaderId, e);
            return false;
        }
    }

    /** True when this node is the leader and ready to take appends. */
    public boolean isLeader() {
        return division.getInfo().isLeader() && division.getInfo().isLeaderReady();
    }

    /** The Raft term, which plays the part of KRaft's leader epoch. */
    public int leaderEpoch() {
        return (int) division.getInfo().getCurrentTerm();
    }

    /** The highest offset applied on this node (listeners have seen every batch up to it), or -1. */
    public long committedOffset() {
        TermIndex applied = stateMachine.getLastAppliedTermIndex();
        return applied == null ? -1 : applied.getIndex();
    }

    public int nodeId() {
        return config.nodeId();
    }

    /** Where this node's Raft server actually listens (its bound port when configured with port 0). */
    public InetSocketAddress raftAddress() {
        try {
            return server.getServerRpc().getInetSocketAddress();
        } catch (RuntimeException e) {
            return null; // not bound
        }
    }

    /** The first offset still in the local Raft log. */
    public long logStartOffset() {
        return division.getRaftLog().getStartIndex();
    }

    /**
     * The payload of the entry at {@code offset}, or null for one of Raft's own entries (no-op, configuration).
     *
     * @throws IOException when the entry cannot be read
     */
    public ByteBuffer payloadAt(long offset) throws IOException {
        LogEntryProto entry = division.getRaftLog().get(offset);
        if (entry == null || !entry.hasStateMachineLogEntry()) {
            return null;
        }
        return entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer();
    }

    public QuorumState describe() {
        return QuorumStateReader.read(division, config.nodeId(), voters());
    }

    /**
     * The voters of the newest configuration in this node's log (the static voters until a change; empty on a
     * controller that waits to be added and has not heard from a leader yet).
     */
    public List<QuorumVoter> voters() {
        return voterChanges.current();
    }

    /**
     * Adds a voter (KIP-853 AddRaftVoter) on the leader; completes once the new configuration is committed, which
     * Ratis does only after the new voter caught up. Kafka's errors: see {@link VoterChanges}.
     */
    public CompletionStage<Void> addVoter(QuorumVoter voter, long timeoutMs) {
        return voterChanges.add(voter, timeoutMs);
    }

    /** Removes a voter named by id and directory id (KIP-853 RemoveRaftVoter) on the leader, once committed. */
    public CompletionStage<Void> removeVoter(QuorumVoter voter, long timeoutMs) {
        return voterChanges.remove(voter, timeoutMs);
    }

    /** KIP-853 UpdateRaftVoter on the leader: the voter's new Raft address, committed. See {@link VoterChanges}. */
    public CompletionStage<Void> updateVoter(QuorumVoter voter, long timeoutMs) {
        return voterChanges.update(voter, timeoutMs);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
