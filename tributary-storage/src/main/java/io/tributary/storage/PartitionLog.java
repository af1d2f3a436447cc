package io.tributary.storage;

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
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.message.FetchResponseData.AbortedTransaction;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one partition (Kafka's UnifiedLog). This class owns the log's state and the leader append path; the
 * other concerns are package-private collaborators working on that state: {@link SegmentRoller} (segment writes
 * and rolls), {@link LogReads} (reads, offset lookups, high watermark), {@link LogRetention} (retention,
 * DeleteRecords, segment deletion), {@link FollowerLog} (replicated appends, truncation), {@link LogTransactions}
 * (transaction markers, producer-state upkeep) and {@link PartitionFlush} (flushing, recovery point).
 *
 * <p>Locking: {@code lock} (the log lock) guards every change to the segment map, the log end
 * ({@code nextOffsetMetadata}), the log start, producer state, the epoch cache, {@code unflushedMessages},
 * {@code truncations} and {@code closed}; appends, rolls, retention, truncation and the cleaner's segment swap all
 * take it. The high watermark is an atomic reference moved without it (and set under it by truncation); the config
 * and the cleaner's first dirty offset are volatile and written without it (truncation pulls the latter back under
 * it). The recovery point and flush clock are guarded by the flush lock in {@link PartitionFlush}; a flush never
 * takes the log lock, so appends go on during an fsync (the order is log lock, then flush lock: close and
 * truncation). Reads take no lock: they bound themselves with the volatile log-end and high-watermark metadata.
 */
public final class PartitionLog implements FlushTarget {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private final TopicPartition tp;
    private final Uuid topicId;
    private final File dir;
    private final Time time;
    private final LogServices services;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentSkipListMap<Long, LogSegment> segments;
    private final LeaderEpochCache epochCache;
    private final ProducerStateManager producerState;
    private final AtomicReference<LogOffsetMetadata> highWatermark;
    private final PartitionFlush flushing;
    private final SegmentRoller roller;
    private final LogReads reads;
    private final LogRetention retention;
    private final FollowerLog follower;
    private final LogTransactions transactions;
    private volatile LogConfig config;
    private volatile LogOffsetMetadata nextOffsetMetadata;
    private volatile long logStartOffset;
    private volatile long firstDirtyOffset;
    private volatile boolean closed;
    /** Bumped by every truncation so that a compaction started before one does not swap stale segments in. */
    private volatile long truncations;
    private long unflushedMessages;

    private PartitionLog(File dir, TopicPartition tp, Uuid topicId, LogConfig config, Time time, LogServices services,
                         LeaderEpochCache epochCache, ProducerStateManager producerState, LoadedLog loaded,
                         long firstDirtyOffset) {
        this.dir = dir;
        this.tp = tp;
        this.topicId = topicId;
        this.config = config;
        this.time = time;
        this.services = services;
        this.epochCache = epochCache;
        this.producerState = producerState;
        this.segments = loaded.segments();
        this.logStartOffset = loaded.logStartOffset();
        this.firstDirtyOffset = Math.max(firstDirtyOffset, loaded.logStartOffset());
        LogSegment active = segments.lastEntry().getValue();
        this.nextOffsetMetadata = new LogOffsetMetadata(loaded.nextOffset(), active.baseOffset(), active.size());
        // Single node: everything on disk was acknowledged before the stop.
        this.highWatermark = new AtomicReference<>(nextOffsetMetadata);
        this.flushing = new PartitionFlush(this, time, loaded.recoveryPoint());
        this.roller = new SegmentRoller(this, time, services, producerState, flushing);
        this.reads = new LogReads(this);
        this.retention = new LogRetention(this, time, services, epochCache, producerState, roller);
        this.follower = new FollowerLog(this, time, services, epochCache, producerState, flushing, retention, roller);
        this.transactions = new LogTransactions(this, time, epochCache, producerState, roller);
    }

    static PartitionLog load(File dir, TopicPartition tp, Uuid topicId, LogConfig config, Time time,
                             LogServices services, boolean cleanShutdown, long recoveryPoint, long logStartOffset,
                             long firstDirtyOffset) throws IOException {
        LeaderEpochCache epochCache = new LeaderEpochCache(dir.toPath());
        ProducerStateManager producerState = new ProducerStateManager(tp, dir);
        LoadedLog loaded = new LogLoader(dir, config, time.milliseconds(), epochCache, producerState)
                .load(cleanShutdown, recoveryPoint, logStartOffset);
        return new PartitionLog(dir, tp, topicId, config, time, services, epochCache, producerState, loaded,
                firstDirtyOffset);
    }

    public TopicPartition topicPartition() { return tp; }
    public Uuid topicId() { return topicId; }
    public LogConfig config() { return config; }
    public File dir() { return dir; }
    public long logStartOffset() { return logStartOffset; }
    public long logEndOffset() { return nextOffsetMetadata.offset(); }
    public long highWatermark() { return highWatermark.get().offset(); }
    /** First offset of the earliest open transaction, capped at the high watermark (Kafka's LSO). Lock-free. */
    public long lastStableOffset() { return Math.min(producerState.firstUnstableOffset(), highWatermark()); }
    public int latestEpoch() { return epochCache.latestEpoch(); }
    public int numberOfSegments() { return segments.size(); }
    long firstDirtyOffset() { return firstDirtyOffset; }
    void firstDirtyOffset(long offset) { firstDirtyOffset = offset; }
    ConcurrentSkipListMap<Long, LogSegment> segments() { return segments; }
    ReentrantLock lock() { return lock; }
    long truncations() { return truncations; }
    /** Caller holds the lock. */
    void countTruncation() { truncations++; }
    LogOffsetMetadata endMetadata() { return nextOffsetMetadata; }
    /** Caller holds the lock. */
    void endMetadata(LogOffsetMetadata end) { nextOffsetMetadata = end; }
    /** Caller holds the lock. */
    void logStartOffset(long offset) { logStartOffset = offset; }
    AtomicReference<LogOffsetMetadata> highWatermarkRef() { return highWatermark; }
    boolean isClosed() { return closed; }

    public long sizeInBytes() {
        long size = 0;
        for (LogSegment s : segments.values()) size += s.size();
        return size;
    }

    void updateConfig(LogConfig newConfig) {
        config = newConfig;
    }

    /** Validates, assigns offsets and leader epoch, and appends with one write. See the class docs of the API. */
    public AppendResult appendAsLeader(MemoryRecords produced, int leaderEpoch) {
        LogConfig cfg = config;
        long now = time.milliseconds();
        // The client's batches are checked as sent (CRC, framing, control flag, sizes), then recompressed if the
        // topic asks for another codec.
        ValidatedRecords validated = BatchValidator.validate(tp, produced, cfg, now);
        MemoryRecords records = TopicCompression.apply(produced, cfg.compressionType(), validated.logAppendTime());
        AppendResult result;
        boolean flushNeeded;
        lock.lock();
        try {
            ensureOpen();
            requireLatestEpoch(leaderEpoch);
            long firstOffset = nextOffsetMetadata.offset();
            ProducerAppend producerAppend = producerState.newAppend();
            long next = firstOffset;
            for (MutableRecordBatch batch : records.batches()) {
                long last = next + (batch.lastOffset() - batch.baseOffset());
                if (batch.hasProducerId()) {
                    BatchMetadata duplicate = producerAppend.check(batch, next, last);
                    if (duplicate != null) {
                        return new AppendResult(duplicate.firstOffset(), duplicate.lastOffset(), -1L, logStartOffset,
                                (int) (duplicate.lastOffset() - duplicate.firstOffset() + 1), true);
                    }
                }
                batch.setLastOffset(last);
                batch.setPartitionLeaderEpoch(leaderEpoch);
                next = last + 1;
            }
            LogSegment segment = roller.maybeRoll(records.sizeInBytes(), validated.maxTimestamp(), next - 1, now);
            roller.append(segment, records);
            epochCache.assign(leaderEpoch, firstOffset);
            producerAppend.commit(next);
            nextOffsetMetadata = new LogOffsetMetadata(next, segment.baseOffset(), segment.size());
            flushNeeded = countUnflushed(validated.recordCount());
            result = new AppendResult(firstOffset, next - 1, validated.logAppendTime(), logStartOffset,
                    validated.recordCount(), false);
        } catch (IOException | UncheckedIOException e) {
            throw new KafkaStorageException("Append to " + tp + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        if (flushNeeded) flushing.flushQuietly(); // flush.messages, like Kafka, before the append returns
        return result;
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
     * Counts appended records toward flush.messages; true when a flush is due (the count then restarts). Caller
     * holds the lock.
     */
    boolean countUnflushed(int records) {
        unflushedMessages += records;
        boolean flushNeeded = unflushedMessages >= config.flushMessages();
        if (flushNeeded) unflushedMessages = 0;
        return flushNeeded;
    }

    /** Caller holds the lock. */
    void addUnflushed(int records) {
        unflushedMessages += records;
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
     * A leader that has become a follower meanwhile (the log already holds a later epoch) must not append: its
     * batch would sit among the new leader's records, unseen by the divergence check.
     */
    void requireLatestEpoch(int leaderEpoch) {
        if (leaderEpoch < epochCache.latestEpoch()) {
            throw new NotLeaderOrFollowerException("Leader epoch " + leaderEpoch + " of " + tp
                    + " is older than the log's latest epoch " + epochCache.latestEpoch());
        }
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
        lock.lock();
        try {
            ensureOpen();
            epochCache.assign(leaderEpoch, offset);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Aborted transactions overlapping [fetchOffset, upperBoundOffset), from the segments' transaction indexes:
     * what a read_committed fetch response carries. Lock-free.
     */
    public List<AbortedTransaction> abortedTransactions(long fetchOffset, long upperBoundOffset) {
        return AbortedTransactions.overlapping(segments, fetchOffset, upperBoundOffset);
    }

    /**
     * From the batch containing fetchOffset, never past maxOffsetExclusive, at most maxBytes (the last batch may be
     * cut short, as in Kafka) unless minOneBatch and the first batch alone is larger. Lock-free.
     */
    public ReadResult read(long fetchOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
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
        return epochCache.endOffsetFor(leaderEpoch, logEndOffset());
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

    /** Renames to .deleted now (readers keep their open channels) and removes the files after file.delete.delay.ms. */
    void scheduleDeletion(List<LogSegment> doomed) throws IOException {
        retention.scheduleDeletion(doomed);
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
        flushing.flush();
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
        lock.lock();
        try {
            if (closed) return;
            flush();
            producerState.takeSnapshot(logEndOffset());
            closed = true;
            for (LogSegment segment : segments.values()) segment.close();
        } finally {
            lock.unlock();
        }
    }

    /** Closes file handles without the clean-close work, before the directory is deleted. */
    void closeForDelete() {
        lock.lock();
        try {
            closed = true;
            for (LogSegment segment : segments.values()) {
                try {
                    segment.log().closeHandlers();
                    segment.txnIndex().close();
                } catch (IOException e) {
                    LOG.warn("Closing {} failed", segment, e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    void ensureOpen() {
        if (closed) throw new KafkaStorageException("Log for " + tp + " is closed");
    }

    @Override
    public String toString() {
        return "PartitionLog(" + tp + ", start=" + logStartOffset + ", end=" + logEndOffset() + ")";
    }
}
