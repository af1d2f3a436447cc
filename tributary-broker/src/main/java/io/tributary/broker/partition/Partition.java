package io.tributary.broker.partition;

import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.VerificationGuard;
import io.tributary.storage.api.EpochEndOffset;
import io.tributary.storage.api.LogConfig;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.api.ProducerStateView;
import io.tributary.storage.api.ReadResult;
import io.tributary.storage.api.TimestampOffset;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.message.FetchResponseData.AbortedTransaction;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * A partition hosted here: its log plus its replication role, and the only way into that log from the rest of the
 * broker, so that the leader epoch, the high watermark and the log never disagree. As leader it tracks each
 * follower's progress, keeps the high watermark at the smallest log end over the ISR (in durable mode also at
 * most the local fsynced end) and holds acks=all appends until the high watermark passes them. As follower it
 * carries the leader id and epoch, and the replica fetcher writes through {@link #appendAsFollower} and the
 * truncations, which keep the high watermark within the log. With the ISR reduced to this broker, the high
 * watermark simply follows the local log end, as on a single node.
 *
 * <p>Reads and offset look-ups go straight to the log, which serves them without a lock.
 */
public final class Partition {

    /** No timeout: the append waits until committed or until leadership is lost. */
    public static final long NO_TIMEOUT = Long.MAX_VALUE;

    private final TopicIdPartition id;
    private final PartitionLog log;
    private final int localBrokerId;
    private final boolean durable;
    private final HighWatermarkListener listener;
    private final HighWatermark highWatermark;
    private final PendingAcks pendingAcks = new PendingAcks();
    private final IsrChanges isrChanges;
    /** The leadership term, or null while following. */
    private volatile LeaderState leader;
    private volatile int leaderEpoch;
    private volatile int leaderId = PartitionRegistration.NO_LEADER;
    private volatile int minInsyncReplicas = 1;
    /** Durable mode: end of the prefix known to be fsynced. */
    private volatile long durableEnd;
    private final EpochCommitGate epochGate = new EpochCommitGate();

    Partition(TopicIdPartition id, PartitionLog log, int localBrokerId, boolean durable,
              HighWatermarkListener listener, AlterPartitionSender alterPartition) {
        this.id = id;
        this.log = log;
        this.localBrokerId = localBrokerId;
        this.durable = durable;
        this.listener = listener;
        this.isrChanges = new IsrChanges(this, alterPartition);
        this.highWatermark = new HighWatermark(id.topicPartition(), log, localBrokerId, listener, pendingAcks);
        long logEnd = log.logEndOffset();
        if (durable && logEnd > 0) {
            // Synchronous: coordinators load right after this and must see everything recovered.
            log.flushUpTo(logEnd - 1).join();
        }
        durableEnd = logEnd;
    }

    public TopicIdPartition id() {
        return id;
    }

    public TopicPartition topicPartition() {
        return id.topicPartition();
    }

    public Uuid topicId() {
        return id.topicId();
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    /** The leader as the metadata last said (this broker when leading), or -1. */
    public int leaderId() {
        return leaderId;
    }

    public boolean isLeader() {
        return leader != null;
    }

    public int localBrokerId() {
        return localBrokerId;
    }

    /** The committed ISR while leading (empty while following). */
    public int[] isr() {
        LeaderState state = leader;
        return state == null ? new int[0] : state.isr().clone();
    }

    public long highWatermark() {
        return highWatermark.get();
    }

    /**
     * Becomes (or stays) leader with the registration's ISR. A new leader epoch starts a new term: the epoch is
     * recorded at the log end and every follower starts unknown. Returns true when this is a new term.
     */
    public synchronized boolean makeLeader(PartitionRegistration registration, int minIsr, long nowMs) {
        // As Kafka: a topic with fewer replicas than min.insync.replicas needs all of them, not the impossible.
        this.minInsyncReplicas = Math.min(minIsr, registration.replicas().length);
        LeaderState current = leader;
        boolean newTerm = current == null || current.leaderEpoch() != registration.leaderEpoch();
        if (newTerm) {
            long start = log.logEndOffset();
            log.assignEpochStartOffset(registration.leaderEpoch(), start);
            if (durable && start > 0) {
                // What was appended as follower is fsynced by no produce: commit it once it is on disk.
                log.flushUpTo(start - 1).thenRun(() -> {
                    durableEnd = Math.max(durableEnd, start);
                    maybeAdvanceHighWatermark();
                });
            }
            leader = new LeaderState(registration.leaderEpoch(), registration.partitionEpoch(),
                    registration.replicas(), registration.isr(), null, start,
                    LeaderState.followers(registration.replicas(), localBrokerId, Map.of(), nowMs));
        } else if (registration.partitionEpoch() > current.partitionEpoch()) {
            // Same term, new ISR or replica set (reassignment): keep what is known of the followers.
            leader = new LeaderState(current.leaderEpoch(), registration.partitionEpoch(), registration.replicas(),
                    registration.isr(), null, current.epochStartOffset(),
                    LeaderState.followers(registration.replicas(), localBrokerId, current.followers(), nowMs));
        }
        leaderEpoch = registration.leaderEpoch();
        leaderId = localBrokerId;
        maybeAdvanceHighWatermark();
        return newTerm;
    }

    /** Follows {@code registration.leader()} (may be -1: no leader). Returns true when this ends a leadership. */
    public boolean makeFollower(PartitionRegistration registration) {
        boolean wasLeader;
        synchronized (this) {
            wasLeader = leader != null;
            leader = null;
            epochGate.clear();
            leaderEpoch = registration.leaderEpoch();
            leaderId = registration.leader();
        }
        pendingAcks.failAll(new NotLeaderOrFollowerException("Leadership of " + topicPartition() + " moved to "
                + registration.leader() + " in epoch " + registration.leaderEpoch()));
        return wasLeader;
    }

    /** Fails every append still waiting for its acknowledgement (the partition's log dir failed). */
    public void failWaitingAppends(ApiException error) {
        pendingAcks.failAll(error);
    }

    /** Same as {@link #appendAsLeader(MemoryRecords, short, long)} with no timeout (coordinators). */
    public CompletableFuture<AppendResult> appendAsLeader(MemoryRecords records, short requiredAcks) {
        return appendAsLeader(records, requiredAcks, NO_TIMEOUT);
    }

    /**
     * Appends a produce request's records. Throws Kafka's ApiExceptions for anything the client must hear about.
     * acks=1 completes at the local append (durable mode: once fsynced), acks=-1 once the high watermark passes
     * the last offset, failing with REQUEST_TIMED_OUT after {@code timeoutMs}.
     */
    public CompletableFuture<AppendResult> appendAsLeader(MemoryRecords records, short requiredAcks, long timeoutMs) {
        return appendAsLeader(records, requiredAcks, timeoutMs, null);
    }

    /**
     * As {@link #appendAsLeader(MemoryRecords, short, long)}, with the KIP-890 guard a transactional produce got
     * from {@link #maybeStartTransactionVerification} (null: no verification required).
     */
    public CompletableFuture<AppendResult> appendAsLeader(MemoryRecords records, short requiredAcks, long timeoutMs,
                                                          VerificationGuard guard) {
        LeaderState state = requireLeader();
        if (requiredAcks == -1 && state.isr().length < minInsyncReplicas) {
            throw new NotEnoughReplicasException("The size of the current ISR " + state.isr().length
                    + " is insufficient to satisfy the min.isr requirement of " + minInsyncReplicas
                    + " for partition " + id.topicPartition());
        }
        AppendResult result = log.appendAsLeader(records, state.leaderEpoch(), guard);
        return acknowledge(state, result, requiredAcks == -1, timeoutMs);
    }

    /**
     * KIP-890: the sentinel guard when the producer's transaction is already open here (no verification needed),
     * else the guard to append with once the transaction coordinator confirmed this partition.
     */
    public VerificationGuard maybeStartTransactionVerification(long producerId) {
        requireLeader();
        return log.maybeStartVerification(producerId);
    }

    /**
     * Writes a transaction marker (COMMIT or ABORT control record) for a producer, as the transaction coordinator
     * asks. Completes once the marker is committed, exactly like a produce with acks=all.
     */
    public CompletableFuture<AppendResult> appendTxnMarker(long producerId, short producerEpoch, int coordinatorEpoch,
                                                           boolean commit) {
        LeaderState state = requireLeader();
        AppendResult result = log.appendTxnMarker(producerId, producerEpoch, coordinatorEpoch, commit,
                state.leaderEpoch());
        return acknowledge(state, result, true, NO_TIMEOUT);
    }

    private LeaderState requireLeader() {
        LeaderState state = leader;
        if (state == null) {
            throw new NotLeaderOrFollowerException("Broker " + localBrokerId + " is not the leader of "
                    + topicPartition() + " (leader: " + leaderId + ")");
        }
        return state;
    }

    private CompletableFuture<AppendResult> acknowledge(LeaderState state, AppendResult result, boolean all,
                                                        long timeoutMs) {
        if (!state.followers().isEmpty()) {
            listener.onLogEndAdvanced(id.topicPartition()); // followers long-poll on the log end
        }
        if (!durable) {
            maybeAdvanceHighWatermark();
            return committed(state, result, all, timeoutMs);
        }
        return log.flushUpTo(result.lastOffset()).thenCompose(ignored -> {
            durableEnd = Math.max(durableEnd, result.lastOffset() + 1);
            maybeAdvanceHighWatermark();
            return committed(state, result, all, timeoutMs);
        });
    }

    private CompletableFuture<AppendResult> committed(LeaderState state, AppendResult result, boolean all,
                                                      long timeoutMs) {
        if (!all || highWatermark.get() > result.lastOffset()) {
            return CompletableFuture.completedFuture(result);
        }
        CompletableFuture<AppendResult> waiting = pendingAcks.await(result, timeoutMs, topicPartition());
        // Re-check after registering: the high watermark or the leadership may have moved meanwhile.
        LeaderState now = leader;
        if (now == null || now.leaderEpoch() != state.leaderEpoch()) {
            pendingAcks.failAll(new NotLeaderOrFollowerException("Leadership of " + topicPartition() + " moved"));
        } else {
            maybeAdvanceHighWatermark();
        }
        return waiting;
    }

    /**
     * True while this broker leads but its high watermark has not reached the start of its leader epoch: it may
     * know less of what is committed than its predecessor did (Kafka answers OFFSET_NOT_AVAILABLE then).
     */
    public boolean highWatermarkBehindEpochStart() {
        LeaderState state = leader;
        return state != null && state.epochStartOffset() > highWatermark.get();
    }

    /** Kafka's check of a client's view of the leader epoch (KIP-320). */
    public Errors checkLeaderEpoch(Optional<Integer> currentLeaderEpoch) {
        if (currentLeaderEpoch.isEmpty() || currentLeaderEpoch.get() < 0) {
            return Errors.NONE;
        }
        int current = currentLeaderEpoch.get();
        if (current < leaderEpoch) {
            return Errors.FENCED_LEADER_EPOCH;
        }
        return current > leaderEpoch ? Errors.UNKNOWN_LEADER_EPOCH : Errors.NONE;
    }

    /**
     * Leader: a follower fetched at {@code fetchOffset}. Records its position, may add it to the ISR, and may
     * advance the high watermark (completing acks=all appends). Throws NOT_LEADER_OR_FOLLOWER when not leading
     * or when {@code followerId} is no replica.
     */
    public void onFollowerFetch(int followerId, long followerBrokerEpoch, long fetchOffset, long nowMs) {
        onFollowerFetch(followerId, followerBrokerEpoch, fetchOffset, FollowerState.UNKNOWN_OFFSET, nowMs);
    }

    /** Same, with the follower's log start as its fetch carries it (a consumer may be sent to read from it). */
    public void onFollowerFetch(int followerId, long followerBrokerEpoch, long fetchOffset, long followerLogStart,
                                long nowMs) {
        LeaderState state = requireLeader();
        FollowerState follower = state.followers().get(followerId);
        if (follower == null) {
            throw new NotLeaderOrFollowerException("Broker " + followerId + " is not a replica of " + topicPartition());
        }
        follower.onFetch(fetchOffset, followerLogStart, followerBrokerEpoch, log.logEndOffset(), nowMs);
        if (!state.inIsr(followerId)) {
            isrChanges.maybeExpand(state, follower, highWatermark.get());
        }
        maybeAdvanceHighWatermark();
    }

    /**
     * Leader: the last high watermark a fetch answer gave {@code followerId} in this term (-1 if none, or not
     * leading, or no such follower). A parked fetch of the follower is answered once the high watermark passes it.
     */
    public long highWatermarkSentTo(int followerId) {
        LeaderState state = leader;
        FollowerState follower = state == null ? null : state.followers().get(followerId);
        return follower == null ? FollowerState.UNKNOWN_OFFSET : follower.highWatermarkSent();
    }

    /** Leader: a fetch answer carrying {@code highWatermark} goes to {@code followerId}. */
    public void onHighWatermarkSent(int followerId, long highWatermark) {
        LeaderState state = leader;
        FollowerState follower = state == null ? null : state.followers().get(followerId);
        if (follower != null) {
            follower.onHighWatermarkSent(highWatermark);
        }
    }

    /**
     * Leader: the followers in the ISR as last seen (log end, log start, last caught-up time), for choosing a
     * replica a consumer may read from (KIP-392); empty while following.
     */
    public List<FollowerProgress> inSyncFollowers() {
        LeaderState state = leader;
        if (state == null || state.followers().isEmpty()) {
            return List.of();
        }
        List<FollowerProgress> progress = new java.util.ArrayList<>(state.isr().length);
        for (int member : state.isr()) {
            FollowerState follower = state.followers().get(member);
            if (follower != null) {
                progress.add(new FollowerProgress(member, follower.logEndOffset(), follower.logStartOffset(),
                        follower.lastCaughtUpMs()));
            }
        }
        return progress;
    }

    /** Leader, on the ISR timer: drops followers not caught up for {@code lagTimeMaxMs}. */
    public void maybeShrinkIsr(long nowMs, long lagTimeMaxMs) {
        LeaderState state = leader;
        if (state != null) {
            isrChanges.maybeShrink(state, nowMs, lagTimeMaxMs);
        }
    }

    /** Replaces the leadership snapshot if it is still {@code expected} (ISR changes). */
    synchronized boolean replaceLeaderState(LeaderState expected, LeaderState updated) {
        if (leader != expected) {
            return false;
        }
        leader = updated;
        return true;
    }

    /** Recomputes the high watermark from the ISR (leader only), completing acks=all appends it passes. */
    void maybeAdvanceHighWatermark() {
        LeaderState state = leader;
        if (state != null) {
            long localEnd = durable ? Math.min(Math.max(durableEnd, log.flushedOffset()), log.logEndOffset())
                    : log.logEndOffset();
            highWatermark.maybeAdvance(state, localEnd, minInsyncReplicas);
            epochGate.maybeOpen(state.leaderEpoch(), highWatermark.get());
        }
    }

    /**
     * Leader: runs {@code action} once the high watermark reaches the start of the current leader epoch, i.e.
     * once everything the previous leaders wrote is committed (at once if it already is; never if leadership
     * is lost first). Coordinators load their state only then, so that they see every acknowledged write.
     */
    public void whenLeaderEpochCommitted(Runnable action) {
        LeaderState state = leader;
        if (state != null) {
            epochGate.hold(state.leaderEpoch(), state.epochStartOffset(), action);
            epochGate.maybeOpen(state.leaderEpoch(), highWatermark.get());
        }
    }

    /**
     * Follower: writes what the leader sent, keeping its offsets and epochs (nothing when {@code records} is empty),
     * takes its high watermark bounded by what is here, and follows its log start (DeleteRecords and retention on
     * the leader reach followers this way). See {@link PartitionLog#appendAsFollower} for what is refused.
     */
    /** Durable mode (tributary.durable): acknowledgements and replication count only fsynced data. */
    public boolean isDurable() {
        return durable;
    }

    /**
     * Durable mode: completes once everything in the log is fsynced, so that the offset the next fetch reports to
     * the leader (which counts toward acks=all) is on disk here too. Otherwise, and with nothing unflushed: at once.
     */
    public CompletableFuture<Void> durableUpToLogEnd() {
        long logEnd = log.logEndOffset();
        return durable && logEnd > 0 ? log.flushUpTo(logEnd - 1) : CompletableFuture.completedFuture(null);
    }

    public void appendAsFollower(MemoryRecords records, long leaderHighWatermark, long leaderLogStartOffset) {
        if (records.sizeInBytes() > 0) {
            log.appendAsFollower(records);
        }
        highWatermark.setFromLeader(leaderHighWatermark);
        if (leaderLogStartOffset > log.logStartOffset() && leaderLogStartOffset <= log.highWatermark()) {
            log.deleteRecordsBefore(leaderLogStartOffset);
        }
    }

    /**
     * Follower: drops everything from {@code offset} on (where the leader's log diverges, or past its high
     * watermark); the high watermark comes down to the new log end if it was above.
     */
    public void truncateTo(long offset) {
        log.truncateTo(offset);
        highWatermark.setFromLeader(highWatermark.get());
    }

    /** Follower: empties the log and restarts it at {@code offset} (behind the leader's log start). */
    public void truncateFullyAndStartAt(long offset) {
        log.truncateFullyAndStartAt(offset);
        highWatermark.setFromLeader(highWatermark.get());
    }

    /**
     * Reads from the batch holding {@code fetchOffset}, never past {@code maxOffsetExclusive} (the high watermark,
     * the last stable offset, or Long.MAX_VALUE for the log end), at most {@code maxBytes} unless
     * {@code minOneBatch} and the first batch alone is larger. The result is a file region: nothing is copied.
     * Throws OFFSET_OUT_OF_RANGE outside [log start, log end].
     */
    public ReadResult read(long fetchOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        return log.read(fetchOffset, maxBytes, maxOffsetExclusive, minOneBatch);
    }

    /** The aborted transactions overlapping [fetchOffset, upperBoundOffset): a read_committed fetch carries them. */
    public List<AbortedTransaction> abortedTransactions(long fetchOffset, long upperBoundOffset) {
        return log.abortedTransactions(fetchOffset, upperBoundOffset);
    }

    public long logStartOffset() {
        return log.logStartOffset();
    }

    public long logEndOffset() {
        return log.logEndOffset();
    }

    /**
     * The log's last stable offset: the first offset of the earliest open transaction, capped at the log's high
     * watermark (which an advance sets just before {@link #highWatermark()}).
     */
    public long lastStableOffset() {
        return log.lastStableOffset();
    }

    /** The latest leader epoch in the log (-1 when none). */
    public int latestEpoch() {
        return log.latestEpoch();
    }

    /** Where {@code leaderEpoch} (or the last earlier epoch known here) ends in this log (KIP-101, KIP-279). */
    public EpochEndOffset endOffsetForEpoch(int leaderEpoch) {
        return log.endOffsetForEpoch(leaderEpoch);
    }

    /** The first record with a timestamp at or after {@code timestamp}, if any. */
    public Optional<TimestampOffset> offsetForTimestamp(long timestamp) {
        return log.offsetForTimestamp(timestamp);
    }

    public Optional<TimestampOffset> offsetOfMaxTimestamp() {
        return log.offsetOfMaxTimestamp();
    }

    /** DeleteRecords: moves the log start to {@code offset} (at most the high watermark); returns the log start. */
    public long deleteRecordsBefore(long offset) {
        return log.deleteRecordsBefore(offset);
    }

    /** The producers with state in this log, as DescribeProducers lists them. */
    public Collection<ProducerStateView> activeProducers() {
        return log.activeProducers();
    }

    /** The topic's log settings in effect. */
    public LogConfig logConfig() {
        return log.config();
    }

    /** The log directory (an entry of log.dirs) holding this partition. */
    public Path logDir() {
        return log.dir().toPath().toAbsolutePath().getParent();
    }

    public long sizeInBytes() {
        return log.sizeInBytes();
    }

    /** Segments of the log (Kafka's {@code NumLogSegments} gauge). */
    public int numberOfSegments() {
        return log.numberOfSegments();
    }

    /** Replicas of the partition while leading (0 while following). */
    public int replicaCount() {
        LeaderState state = leader;
        return state == null ? 0 : state.replicas().length;
    }

    /** The effective {@code min.insync.replicas} of the current term: at most the replica count. */
    public int minInsyncReplicas() {
        return minInsyncReplicas;
    }

    @Override
    public String toString() {
        return "Partition(" + topicPartition() + ", leader=" + leaderId + ", epoch=" + leaderEpoch + ", " + leader
                + ")";
    }
}
