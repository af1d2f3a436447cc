package io.tributary.storage;

import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.EpochEndOffset;
import io.tributary.storage.api.LogConfig;
import io.tributary.storage.api.ProducerStateView;
import io.tributary.storage.api.ReadResult;
import io.tributary.storage.api.TimestampOffset;
import io.tributary.storage.api.UnexpectedAppendOffsetException;
import io.tributary.storage.api.VerificationGuard;
import io.tributary.storage.epoch.LeaderEpochCache;
import io.tributary.storage.flush.FlushTarget;
import io.tributary.storage.producer.BatchMetadata;
import io.tributary.storage.producer.ProducerAppend;
import io.tributary.storage.producer.ProducerStateManager;
import io.tributary.storage.recovery.LoadedLog;
import io.tributary.storage.recovery.LogLoader;
import io.tributary.storage.segment.LogOffsetMetadata;
import io.tributary.storage.segment.LogSegment;
import io.tributary.storage.transaction.AbortedTransactions;
import io.tributary.storage.validation.BatchValidator;
import io.tributary.storage.validation.TopicCompression;
import io.tributary.storage.validation.ValidatedRecords;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.message.FetchResponseData.AbortedTransaction;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one partition (Kafka's UnifiedLog). This class is the log's API: it owns the leader append path and
 * the life cycle (close, delete) and hands every other concern to a collaborator: {@link SegmentRoller} (segment
 * writes and rolls), {@link LogReads} (reads, offset lookups, high watermark), {@link LogRetention} (retention,
 * DeleteRecords, segment deletion), {@link FollowerLog} (replicated appends, truncation), {@link LogTransactions}
 * (transaction markers, producer-state upkeep), {@link PartitionFlush} (flushing, recovery point) and
 * {@link PartitionCompaction} (the cleaner's view). They all work on one {@link LogState}, created here, which also
 * documents the locking; none of them knows this class.
 */
public final class PartitionLog implements FlushTarget {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private final Uuid topicId;
    private final Time time;
    private final LogServices services;
    private final LogState state;
    private final PartitionFlush flushing;
    private final SegmentRoller roller;
    private final LogReads reads;
    private final LogRetention retention;
    private final FollowerLog follower;
    private final LogTransactions transactions;

    private PartitionLog(Uuid topicId, Time time, LogServices services, LogState state, long recoveryPoint) {
        this.topicId = topicId;
        this.time = time;
        this.services = services;
        this.state = state;
        this.flushing = new PartitionFlush(state, time, recoveryPoint, services);
        this.roller = new SegmentRoller(state, time, services, flushing);
        this.reads = new LogReads(state);
        this.retention = new LogRetention(state, time, services, roller);
        this.follower = new FollowerLog(state, time, services, flushing, retention, roller);
        this.transactions = new LogTransactions(state, time, roller, services);
    }

    static PartitionLog load(File dir, TopicPartition tp, Uuid topicId, LogConfig config, Time time,
                             LogServices services, boolean cleanShutdown, long recoveryPoint, long logStartOffset,
                             long firstDirtyOffset) throws IOException {
        LeaderEpochCache epochCache = new LeaderEpochCache(dir.toPath());
        ProducerStateManager producerState = new ProducerStateManager(tp, dir);
        LoadedLog loaded = new LogLoader(dir, config, time.milliseconds(), epochCache, producerState)
                .load(cleanShutdown, recoveryPoint, logStartOffset);
        LogState state = new LogState(dir, tp, config, epochCache, producerState, loaded, firstDirtyOffset);
        return new PartitionLog(topicId, time, services, state, loaded.recoveryPoint());
    }

    public TopicPartition topicPartition() { return state.topicPartition(); }
    public Uuid topicId() { return topicId; }
    public LogConfig config() { return state.config(); }
    public File dir() { return state.dir(); }
    public long logStartOffset() { return state.logStartOffset(); }
    public long logEndOffset() { return state.logEndOffset(); }
    public long highWatermark() { return state.highWatermark(); }
    /** First offset of the earliest open transaction, capped at the high watermark (Kafka's LSO). Lock-free. */
    public long lastStableOffset() {
        return Math.min(state.producerState().firstUnstableOffset(), state.highWatermark());
    }
    public int latestEpoch() { return state.epochCache().latestEpoch(); }
    public int numberOfSegments() { return state.segments().size(); }
    long firstDirtyOffset() { return state.firstDirtyOffset(); }

    public long sizeInBytes() {
        return state.sizeInBytes();
    }

    void updateConfig(LogConfig newConfig) {
        state.config(newConfig);
    }

    /** The cleaner's view of this log: a new adapter, whose cleaning progress is its own. */
    PartitionCompaction cleanable() {
        return new PartitionCompaction(state, retention);
    }

    /** Validates, assigns offsets and leader epoch, and appends with one write. See the class docs of the API. */
    public AppendResult appendAsLeader(MemoryRecords produced, int leaderEpoch) {
        return appendAsLeader(produced, leaderEpoch, null);
    }

    /**
     * As {@link #appendAsLeader(MemoryRecords, int)}, for a client's produce under KIP-890 verification: a
     * transactional batch may open its producer's transaction only with the guard {@link #maybeStartVerification}
     * handed out (InvalidTxnStateException otherwise); null when no verification is required.
     */
    public AppendResult appendAsLeader(MemoryRecords produced, int leaderEpoch, VerificationGuard guard) {
        LogState state = this.state; // one field load for the whole append
        LogConfig cfg = state.config();
        long now = time.milliseconds();
        // The client's batches are checked as sent (CRC, framing, control flag, sizes), then recompressed if the
        // topic asks for another codec.
        ValidatedRecords validated = BatchValidator.validate(state.topicPartition(), produced, cfg, now);
        MemoryRecords records = TopicCompression.apply(produced, cfg.compressionType(), validated.logAppendTime());
        AppendResult result;
        boolean flushNeeded;
        ReentrantLock lock = state.lock();
        lock.lock();
        try {
            state.ensureOpen();
            state.requireLatestEpoch(leaderEpoch);
            long firstOffset = state.logEndOffset();
            ProducerAppend producerAppend = state.producerState().newAppend(guard);
            long next = firstOffset;
            for (MutableRecordBatch batch : records.batches()) {
                long last = next + (batch.lastOffset() - batch.baseOffset());
                if (batch.hasProducerId()) {
                    BatchMetadata duplicate = producerAppend.check(batch, next, last);
                    if (duplicate != null) {
                        return new AppendResult(duplicate.firstOffset(), duplicate.lastOffset(), -1L,
                                state.logStartOffset(), (int) (duplicate.lastOffset() - duplicate.firstOffset() + 1),
                                true);
                    }
                }
                batch.setLastOffset(last);
                batch.setPartitionLeaderEpoch(leaderEpoch);
                next = last + 1;
            }
            LogSegment segment = roller.maybeRoll(records.sizeInBytes(), validated.maxTimestamp(), next - 1, now);
            roller.append(segment, records);
            state.epochCache().assign(leaderEpoch, firstOffset);
            producerAppend.commit(next);
            state.endMetadata(new LogOffsetMetadata(next, segment.baseOffset(), segment.size()));
            flushNeeded = state.countUnflushed(validated.recordCount());
            result = new AppendResult(firstOffset, next - 1, validated.logAppendTime(), state.logStartOffset(),
                    validated.recordCount(), false);
        } catch (IOException | UncheckedIOException e) {
            throw services.ioFailed(state.dir(), "Append to " + state.topicPartition(), e);
        } finally {
            lock.unlock();
        }
        if (flushNeeded) flushing.flushQuietly(); // flush.messages, like Kafka, before the append returns
        return result;
    }

    /**
     * Starts KIP-890 verification for a transactional producer: the sentinel when its transaction is already open
     * here, otherwise the guard the append must carry once the coordinator has confirmed the partition.
     */
    public VerificationGuard maybeStartVerification(long producerId) {
        ReentrantLock lock = state.lock();
        lock.lock();
        try {
            return state.producerState().maybeStartVerification(producerId, time.milliseconds());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends a COMMIT or ABORT control batch for producerId, as the transaction coordinator asks. An older
     * producer epoch is fenced (ProducerFencedException), as is an older coordinator epoch
     * (TransactionCoordinatorFencedException). Ends the producer's open transaction; an abort is recorded in the
     * active segment's transaction index.
     */
    public AppendResult appendTxnMarker(long producerId, short producerEpoch, int coordinatorEpoch, boolean commit,
                                        int leaderEpoch) {
        return transactions.appendTxnMarker(producerId, producerEpoch, coordinatorEpoch, commit, leaderEpoch);
    }

    /**
     * Follower append: writes the leader's batches as they are (offsets, leader epochs, producer fields, control
     * batches) after a format and CRC check; the leader already did the duplicate and sequence checks. The first
     * batch may not start below the log end ({@link UnexpectedAppendOffsetException}); gaps are accepted since a
     * compacted leader log has them. An empty log restarts at the first batch, as Kafka's fetcher does when the
     * leader's log start falls inside a batch. Returns null when records hold no whole batch.
     */
    public AppendResult appendAsFollower(MemoryRecords fetched) {
        return follower.appendAsFollower(fetched);
    }

    /**
     * Follower truncation: drops every batch from the one holding offset on (no-op at or past the log end), as if
     * it had never been appended: segments and their indexes, epochs starting there, producer state (rebuilt from
     * a snapshot and the log), high watermark, recovery point. Below the log start the log restarts at offset.
     */
    public void truncateTo(long offset) {
        follower.truncateTo(offset);
    }

    /** Empties the log and restarts it at offset (a follower far behind the leader's log start). */
    public void truncateFullyAndStartAt(long offset) {
        follower.truncateFullyAndStartAt(offset);
    }

    /** A new leader records where its epoch starts (the log end when it takes over). */
    public void assignEpochStartOffset(int leaderEpoch, long offset) {
        state.lock().lock();
        try {
            state.ensureOpen();
            state.epochCache().assign(leaderEpoch, offset);
        } finally {
            state.lock().unlock();
        }
    }

    /**
     * Aborted transactions overlapping [fetchOffset, upperBoundOffset), from the segments' transaction indexes:
     * what a read_committed fetch response carries. Lock-free.
     */
    public List<AbortedTransaction> abortedTransactions(long fetchOffset, long upperBoundOffset) {
        return AbortedTransactions.overlapping(state.segments(), fetchOffset, upperBoundOffset);
    }

    /**
     * From the batch containing fetchOffset, never past maxOffsetExclusive, at most maxBytes (the last batch may be
     * cut short, as in Kafka) unless minOneBatch and the first batch alone is larger. Without minOneBatch a first
     * batch larger than maxBytes gives nothing, never part of it (as Kafka answers fetch v3+). Lock-free.
     */
    public ReadResult read(long fetchOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        state.ensureOpen(); // a log of a failed log dir answers KAFKA_STORAGE_ERROR
        return reads.read(fetchOffset, maxBytes, maxOffsetExclusive, minOneBatch);
    }

    /** Single node: the broker moves it to the log end after each append. Only moves forward. */
    public void updateHighWatermark(long hw) {
        reads.updateHighWatermark(hw);
    }

    /**
     * Follower: the high watermark the leader reported, capped by this log's end. Unlike
     * {@link #updateHighWatermark} it may move backward (after a truncation, or a leader behind this replica).
     */
    public void setHighWatermark(long hw) {
        reads.setHighWatermark(hw);
    }

    public Optional<TimestampOffset> offsetForTimestamp(long timestamp) {
        return reads.offsetForTimestamp(timestamp);
    }

    public Optional<TimestampOffset> offsetOfMaxTimestamp() {
        return reads.offsetOfMaxTimestamp();
    }

    public EpochEndOffset endOffsetForEpoch(int leaderEpoch) {
        return state.epochCache().endOffsetFor(leaderEpoch, state.logEndOffset());
    }

    public Collection<ProducerStateView> activeProducers() {
        return transactions.activeProducers();
    }

    /** DeleteRecords: moves the log start offset (checkpointed) and drops segments wholly below it. */
    public long deleteRecordsBefore(long offset) {
        return retention.deleteRecordsBefore(offset);
    }

    /** Retention (by log start, time and size); returns the number of segments deleted. */
    public int deleteOldSegments() {
        return retention.deleteOldSegments();
    }

    /** Durable mode: completes after an fsync covering offset, shared with other callers (group commit). */
    public CompletableFuture<Void> flushUpTo(long offset) {
        long target = Math.min(offset, logEndOffset() - 1);
        return services.flusher().flushUpTo(this, target);
    }

    @Override
    public long flushedOffset() {
        return flushing.recoveryPoint();
    }

    /** Fsyncs every segment holding data past the recovery point and advances it to the log end. */
    @Override
    public void flush() throws IOException {
        try {
            flushing.flush();
        } catch (IOException | UncheckedIOException e) {
            services.ioFailed(state.dir(), "Flush of " + state.topicPartition(), e);
            throw e;
        }
    }

    /** flush.ms: called periodically by the log manager. */
    void flushIfDue(long nowMs) {
        flushing.flushIfDue(nowMs);
    }

    void removeExpiredProducers(long nowMs, long expirationMs) {
        transactions.removeExpiredProducers(nowMs, expirationMs);
    }

    /** Clean close: flush, snapshot producer state at the log end, seal all segments. */
    void close() throws IOException {
        state.lock().lock();
        try {
            if (state.isClosed()) return;
            flush();
            state.producerState().takeSnapshot(state.logEndOffset());
            state.markClosed();
            for (LogSegment segment : state.segments().values()) segment.close();
        } finally {
            state.lock().unlock();
        }
    }

    boolean isClosed() {
        return state.isClosed();
    }

    /** Its log dir failed: every later append or read fails with KAFKA_STORAGE_ERROR (files closed after). */
    void markOffline() {
        state.markOffline();
    }

    /** Closes file handles without the clean-close work, before the directory is deleted. */
    void closeForDelete() {
        state.lock().lock();
        try {
            state.markClosed();
            for (LogSegment segment : state.segments().values()) {
                try {
                    segment.log().closeHandlers();
                    segment.txnIndex().close();
                } catch (IOException e) {
                    LOG.warn("Closing {} failed", segment, e);
                }
            }
        } finally {
            state.lock().unlock();
        }
    }

    @Override
    public String toString() {
        return "PartitionLog(" + state.topicPartition() + ", start=" + state.logStartOffset() + ", end="
                + state.logEndOffset() + ")";
    }
}
