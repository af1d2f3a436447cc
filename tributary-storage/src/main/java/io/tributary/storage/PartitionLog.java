package io.tributary.storage;

import io.tributary.storage.epoch.LeaderEpochCache;
import io.tributary.storage.flush.FlushTarget;
import io.tributary.storage.producer.BatchMetadata;
import io.tributary.storage.producer.CompletedTxn;
import io.tributary.storage.producer.ProducerAppend;
import io.tributary.storage.producer.ProducerStateManager;
import io.tributary.storage.recovery.LoadedLog;
import io.tributary.storage.recovery.LogLoader;
import io.tributary.storage.recovery.ProducerStateRebuild;
import io.tributary.storage.retention.RetentionPolicy;
import io.tributary.storage.segment.AbortedTxn;
import io.tributary.storage.segment.LogFileNames;
import io.tributary.storage.segment.LogOffsetMetadata;
import io.tributary.storage.segment.LogSegment;
import io.tributary.storage.segment.SegmentSlice;
import io.tributary.storage.segment.TimestampLookup;
import io.tributary.storage.transaction.AbortedTransactions;
import io.tributary.storage.validation.BatchValidator;
import io.tributary.storage.validation.FollowerBatches;
import io.tributary.storage.validation.FollowerRecords;
import io.tributary.storage.validation.TopicCompression;
import io.tributary.storage.validation.ValidatedRecords;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.message.FetchResponseData.AbortedTransaction;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.FileRecords.LogOffsetPosition;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one partition (Kafka's UnifiedLog). Appends, rolls and segment replacement take a per-log lock;
 * reads never do: they bound themselves with the volatile log-end and high-watermark metadata.
 */
public final class PartitionLog implements FlushTarget {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private final TopicPartition tp;
    private final Uuid topicId;
    private final File dir;
    private final Time time;
    private final LogServices services;
    private final ReentrantLock lock = new ReentrantLock();
    private final Object flushLock = new Object();
    private final ConcurrentSkipListMap<Long, LogSegment> segments;
    private final LeaderEpochCache epochCache;
    private final ProducerStateManager producerState;
    private final AtomicReference<LogOffsetMetadata> highWatermark;
    private volatile LogConfig config;
    private volatile LogOffsetMetadata nextOffsetMetadata;
    private volatile long logStartOffset;
    private volatile long recoveryPoint;
    private volatile long lastFlushMs;
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
        this.recoveryPoint = loaded.recoveryPoint();
        this.firstDirtyOffset = Math.max(firstDirtyOffset, loaded.logStartOffset());
        LogSegment active = segments.lastEntry().getValue();
        this.nextOffsetMetadata = new LogOffsetMetadata(loaded.nextOffset(), active.baseOffset(), active.size());
        // Single node: everything on disk was acknowledged before the stop.
        this.highWatermark = new AtomicReference<>(nextOffsetMetadata);
        this.lastFlushMs = time.milliseconds();
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
        MemoryRecords records = TopicCompression.apply(produced, cfg.compressionType());
        ValidatedRecords validated = BatchValidator.validate(tp, records, cfg, now);
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
            LogSegment segment = maybeRoll(records.sizeInBytes(), validated.maxTimestamp(), next - 1, now);
            appendToSegment(segment, records);
            epochCache.assign(leaderEpoch, firstOffset);
            producerAppend.commit(next);
            nextOffsetMetadata = new LogOffsetMetadata(next, segment.baseOffset(), segment.size());
            unflushedMessages += validated.recordCount();
            flushNeeded = unflushedMessages >= cfg.flushMessages();
            if (flushNeeded) unflushedMessages = 0;
            result = new AppendResult(firstOffset, next - 1, validated.logAppendTime(), logStartOffset,
                    validated.recordCount(), false);
        } catch (IOException | UncheckedIOException e) {
            throw new KafkaStorageException("Append to " + tp + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        if (flushNeeded) flushQuietly(); // flush.messages, like Kafka, before the append returns
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
        long now = time.milliseconds();
        AppendResult result;
        lock.lock();
        try {
            ensureOpen();
            requireLatestEpoch(leaderEpoch);
            producerState.checkMarker(producerId, producerEpoch, coordinatorEpoch);
            long offset = nextOffsetMetadata.offset();
            EndTransactionMarker marker = new EndTransactionMarker(
                    commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT, coordinatorEpoch);
            MemoryRecords records = MemoryRecords.withEndTransactionMarker(offset, now, leaderEpoch, producerId,
                    producerEpoch, marker);
            LogSegment segment = maybeRoll(records.sizeInBytes(), now, offset, now);
            appendToSegment(segment, records);
            epochCache.assign(leaderEpoch, offset);
            CompletedTxn completed = producerState.completeTxn(producerId, producerEpoch, coordinatorEpoch, commit,
                    offset, now);
            nextOffsetMetadata = new LogOffsetMetadata(offset + 1, segment.baseOffset(), segment.size());
            unflushedMessages++;
            result = new AppendResult(offset, offset, -1L, logStartOffset, 1, false);
            if (completed != null && completed.aborted()) { // after the log end moved: the marker is in the log
                segment.txnIndex().append(new AbortedTxn(producerId, completed.firstOffset(), completed.lastOffset(),
                        completed.lastStableOffset()));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new KafkaStorageException("Marker append to " + tp + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        return result;
    }

    /**
     * Follower append: writes the leader's batches as they are (offsets, leader epochs, producer fields, control
     * batches) after a format and CRC check; the leader already did the duplicate and sequence checks. The first
     * batch may not start below the log end ({@link UnexpectedAppendOffsetException}); gaps are accepted since a
     * compacted leader log has them. An empty log restarts at the first batch, as Kafka's fetcher does when the
     * leader's log start falls inside a batch. Returns null when records hold no whole batch.
     */
    public AppendResult appendAsFollower(MemoryRecords fetched) {
        FollowerRecords records = FollowerBatches.analyze(tp, fetched);
        if (records == null) return null;
        long now = time.milliseconds();
        boolean flushNeeded;
        AppendResult result;
        lock.lock();
        try {
            ensureOpen();
            long end = nextOffsetMetadata.offset();
            if (records.firstOffset() < end) {
                if (logStartOffset != end || records.lastOffset() < end)
                    throw new UnexpectedAppendOffsetException("Replicated batches for " + tp + " start at "
                            + records.firstOffset() + ", below the log end " + end, records.firstOffset(), end);
                restartAt(records.firstOffset());
            }
            LogSegment segment = maybeRoll(records.sizeInBytes(), records.maxTimestamp(), records.firstOffset(),
                    records.lastOffset(), now);
            appendToSegment(segment, records.records());
            List<AbortedTxn> aborted = FollowerLogSupport.applyReplicated(records.records(), epochCache, producerState);
            nextOffsetMetadata = new LogOffsetMetadata(records.lastOffset() + 1, segment.baseOffset(), segment.size());
            for (AbortedTxn txn : aborted) segment.txnIndex().append(txn); // after the log end moved, as for markers
            unflushedMessages += records.recordCount();
            flushNeeded = unflushedMessages >= config.flushMessages();
            if (flushNeeded) unflushedMessages = 0;
            result = new AppendResult(records.firstOffset(), records.lastOffset(), -1L, logStartOffset,
                    records.recordCount(), false);
        } catch (IOException | UncheckedIOException e) {
            throw new KafkaStorageException("Follower append to " + tp + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        if (flushNeeded) flushQuietly();
        return result;
    }

    /**
     * A leader that has become a follower meanwhile (the log already holds a later epoch) must not append: its
     * batch would sit among the new leader's records, unseen by the divergence check.
     */
    private void requireLatestEpoch(int leaderEpoch) {
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
        lock.lock();
        try {
            ensureOpen();
            if (offset >= nextOffsetMetadata.offset()) {
                // No records to drop, but an epoch this replica led without writing (it starts at the log end)
                // must go, or the follower keeps sending it as its last fetched epoch and diverges forever.
                epochCache.truncateFromEnd(nextOffsetMetadata.offset());
                return;
            }
            if (offset <= logStartOffset) {
                restartAt(offset);
                return;
            }
            truncations++;
            scheduleDeletion(FollowerLogSupport.cutSegments(segments, offset, config));
            LogSegment active = segments.lastEntry().getValue();
            long end = active.readNextOffset();
            nextOffsetMetadata = new LogOffsetMetadata(end, active.baseOffset(), active.size());
            epochCache.truncateFromEnd(end);
            ProducerStateRebuild.rebuild(producerState, segments, end, logStartOffset);
            if (highWatermark.get().offset() > end) highWatermark.set(nextOffsetMetadata);
            synchronized (flushLock) {
                recoveryPoint = Math.min(recoveryPoint, end);
            }
            firstDirtyOffset = Math.max(logStartOffset, Math.min(firstDirtyOffset, end));
        } catch (IOException | UncheckedIOException e) {
            throw new KafkaStorageException("Truncation of " + tp + " to " + offset + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Empties the log and restarts it at offset (a follower far behind the leader's log start). */
    public void truncateFullyAndStartAt(long offset) {
        lock.lock();
        try {
            ensureOpen();
            restartAt(offset);
        } catch (IOException | UncheckedIOException e) {
            throw new KafkaStorageException("Restarting " + tp + " at " + offset + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock. */
    private void restartAt(long offset) throws IOException {
        truncations++;
        List<LogSegment> old = new ArrayList<>(segments.values());
        scheduleDeletion(old); // renamed at once, so the new segment may reuse a base offset
        segments.put(offset, LogSegment.open(dir, offset, config, time.milliseconds(), false, ""));
        for (LogSegment segment : old) segments.remove(segment.baseOffset(), segment); // never an empty map
        nextOffsetMetadata = new LogOffsetMetadata(offset, offset, 0);
        logStartOffset = offset;
        epochCache.clear();
        producerState.truncateFullyAndStartAt(offset);
        highWatermark.set(nextOffsetMetadata);
        synchronized (flushLock) {
            recoveryPoint = offset;
        }
        firstDirtyOffset = offset;
        services.logStartOffsetChanged(this);
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

    private void appendToSegment(LogSegment segment, MemoryRecords records) throws IOException {
        int sizeBefore = segment.size();
        try {
            segment.append(records);
        } catch (IOException | RuntimeException e) {
            segment.log().truncateTo(sizeBefore); // never leave a partial write behind the log end
            throw e;
        }
    }

    private LogSegment maybeRoll(int messagesSize, long maxTimestamp, long maxOffset, long now) throws IOException {
        return maybeRoll(messagesSize, maxTimestamp, nextOffsetMetadata.offset(), maxOffset, now);
    }

    /** newBase: where a new segment would start; a follower's first batch may lie past the log end (compaction). */
    private LogSegment maybeRoll(int messagesSize, long maxTimestamp, long newBase, long maxOffset, long now)
            throws IOException {
        LogSegment active = segments.lastEntry().getValue();
        if (!active.shouldRoll(config, messagesSize, maxTimestamp, maxOffset, now)) return active;
        return roll(newBase);
    }

    /** Starts a new segment at the log end; the previous one is sealed and flushed in the background. */
    LogSegment roll() throws IOException {
        return roll(nextOffsetMetadata.offset());
    }

    private LogSegment roll(long newBase) throws IOException {
        LogSegment active = segments.lastEntry().getValue();
        if (active.baseOffset() == newBase && active.size() == 0) return active;
        active.onBecomeInactive();
        LogSegment segment = LogSegment.open(dir, newBase, config, time.milliseconds(), false, "");
        segments.put(newBase, segment);
        nextOffsetMetadata = new LogOffsetMetadata(newBase, newBase, 0);
        producerState.takeSnapshot(newBase);
        services.schedule(this::flushQuietly, 0L);
        return segment;
    }

    /**
     * From the batch containing fetchOffset, never past maxOffsetExclusive, at most maxBytes (the last batch may be
     * cut short, as in Kafka) unless minOneBatch and the first batch alone is larger. Lock-free.
     */
    public ReadResult read(long fetchOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        LogOffsetMetadata end = nextOffsetMetadata;
        LogOffsetMetadata hw = highWatermark.get();
        long start = logStartOffset;
        if (fetchOffset < start || fetchOffset > end.offset())
            throw new OffsetOutOfRangeException("Fetch offset " + fetchOffset + " is out of range for " + tp
                    + " [" + start + ", " + end.offset() + "]");
        LogOffsetMetadata limit = upperBound(maxOffsetExclusive, end, hw);
        if (fetchOffset >= limit.offset()) return ReadResult.empty(hw.offset(), start, end.offset());
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(fetchOffset);
        if (entry == null) entry = segments.firstEntry();
        while (entry != null && entry.getKey() <= limit.segmentBaseOffset()) {
            LogSegment segment = entry.getValue();
            int maxPosition = segment.baseOffset() == limit.segmentBaseOffset() ? limit.position() : segment.size();
            SegmentSlice slice = segment.read(fetchOffset, maxBytes, maxPosition, minOneBatch);
            if (slice != null) {
                if (slice.size() == 0) break;
                return new ReadResult(slice.records(), slice.records().channel(), slice.position(), slice.size(),
                        hw.offset(), start, end.offset());
            }
            entry = segments.higherEntry(entry.getKey()); // compaction can leave gaps between segments
        }
        return ReadResult.empty(hw.offset(), start, end.offset());
    }

    private LogOffsetMetadata upperBound(long maxOffsetExclusive, LogOffsetMetadata end, LogOffsetMetadata hw) {
        if (maxOffsetExclusive >= end.offset()) return end;
        if (maxOffsetExclusive == hw.offset()) return hw;
        return metadataFor(maxOffsetExclusive);
    }

    /** Physical location of the batch boundary at or before offset (index lookup plus scan). */
    private LogOffsetMetadata metadataFor(long offset) {
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(offset);
        if (entry == null) entry = segments.firstEntry();
        LogSegment segment = entry.getValue();
        LogOffsetPosition position = segment.translateOffset(offset);
        return new LogOffsetMetadata(offset, segment.baseOffset(), position == null ? segment.size() : position.position);
    }

    /** Single node: the broker moves it to the log end after each append. Only moves forward. */
    public void updateHighWatermark(long hw) {
        LogOffsetMetadata end = nextOffsetMetadata;
        long clamped = Math.max(logStartOffset, Math.min(hw, end.offset()));
        if (clamped <= highWatermark.get().offset()) return;
        LogOffsetMetadata target = clamped == end.offset() ? end : metadataFor(clamped);
        highWatermark.accumulateAndGet(target, (cur, upd) -> upd.offset() > cur.offset() ? upd : cur);
    }

    /**
     * Follower: the high watermark the leader reported, capped by this log's end. Unlike
     * {@link #updateHighWatermark} it may move backward (after a truncation, or a leader behind this replica).
     */
    public void setHighWatermark(long hw) {
        LogOffsetMetadata end = nextOffsetMetadata;
        long clamped = Math.max(logStartOffset, Math.min(hw, end.offset()));
        if (clamped == highWatermark.get().offset()) return;
        highWatermark.set(clamped == end.offset() ? end : metadataFor(clamped));
    }

    public Optional<TimestampOffset> offsetForTimestamp(long timestamp) {
        return TimestampLookup.firstAtOrAfter(segments.values(), timestamp, logStartOffset, logEndOffset());
    }

    public Optional<TimestampOffset> offsetOfMaxTimestamp() {
        return TimestampLookup.maxTimestamp(segments.values(), logStartOffset);
    }

    public EpochEndOffset endOffsetForEpoch(int leaderEpoch) {
        return epochCache.endOffsetFor(leaderEpoch, logEndOffset());
    }

    public Collection<ProducerStateView> activeProducers() {
        List<ProducerStateView> views = new ArrayList<>();
        producerState.activeProducers().forEach(e -> views.add(new ProducerStateView(e.producerId(), e.epoch(),
                e.lastSequence(), e.lastTimestamp(), e.coordinatorEpoch(), e.currentTxnFirstOffset())));
        return views;
    }

    /** DeleteRecords: moves the log start offset (checkpointed) and drops segments wholly below it. */
    public long deleteRecordsBefore(long offset) {
        if (offset > highWatermark())
            throw new OffsetOutOfRangeException("Cannot delete records of " + tp + " before " + offset
                    + ": above the high watermark " + highWatermark());
        lock.lock();
        try {
            ensureOpen();
            if (offset > logStartOffset) {
                logStartOffset = offset;
                epochCache.truncateFromStart(offset);
                producerState.truncateHead(offset);
                services.logStartOffsetChanged(this);
                deleteLeadingSegments(RetentionPolicy.belowLogStart(new ArrayList<>(segments.values()), offset));
            }
            return logStartOffset;
        } catch (IOException e) {
            throw new KafkaStorageException("DeleteRecords on " + tp + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Retention (by log start, time and size); returns the number of segments deleted. */
    public int deleteOldSegments() {
        lock.lock();
        try {
            if (closed) return 0;
            LogConfig cfg = config;
            List<LogSegment> list = new ArrayList<>(segments.values());
            int count = Math.max(RetentionPolicy.belowLogStart(list, logStartOffset),
                    Math.max(RetentionPolicy.breachingTime(list, cfg, time.milliseconds()),
                            RetentionPolicy.breachingSize(list, cfg)));
            return deleteLeadingSegments(count);
        } catch (IOException e) {
            throw new KafkaStorageException("Retention on " + tp + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Deletes up to count leading segments holding only data below the high watermark. Caller holds the lock. */
    private int deleteLeadingSegments(int count) throws IOException {
        List<LogSegment> list = new ArrayList<>(segments.values());
        long hw = highWatermark();
        int allowed = 0;
        while (allowed < count && allowed < list.size()) {
            long segmentEnd = allowed + 1 < list.size() ? list.get(allowed + 1).baseOffset() : logEndOffset();
            if (segmentEnd > hw) break;
            allowed++;
        }
        if (allowed == 0) return 0;
        if (allowed == list.size()) {
            if (list.get(allowed - 1).size() == 0) allowed--; // an empty active segment stays
            else roll(); // keep an (empty) active segment, like Kafka
        }
        List<LogSegment> doomed = new ArrayList<>(list.subList(0, allowed));
        for (LogSegment segment : doomed) segments.remove(segment.baseOffset(), segment);
        long newStart = Math.max(logStartOffset, segments.firstKey());
        if (newStart != logStartOffset) {
            logStartOffset = newStart;
            epochCache.truncateFromStart(newStart);
            producerState.truncateHead(newStart);
            services.logStartOffsetChanged(this);
        }
        scheduleDeletion(doomed);
        return doomed.size();
    }

    /** Renames to .deleted now (readers keep their open channels) and removes the files after file.delete.delay.ms. */
    void scheduleDeletion(List<LogSegment> doomed) throws IOException {
        for (LogSegment segment : doomed) segment.changeFileSuffix("", LogFileNames.DELETED_SUFFIX);
        services.schedule(() -> {
            for (LogSegment segment : doomed) {
                try {
                    segment.closeAndDeleteFiles();
                } catch (IOException e) {
                    LOG.warn("Could not delete segment {} of {}", segment.baseOffset(), tp, e);
                }
            }
        }, config.fileDeleteDelayMs());
    }

    /** Durable mode: completes after an fsync covering offset, shared with other callers (group commit). */
    public CompletableFuture<Void> flushUpTo(long offset) {
        long target = Math.min(offset, logEndOffset() - 1);
        return services.flusher().flushUpTo(this, target);
    }

    @Override
    public long flushedOffset() {
        return recoveryPoint;
    }

    /** Fsyncs every segment holding data past the recovery point and advances it to the log end. */
    @Override
    public void flush() throws IOException {
        synchronized (flushLock) {
            LogOffsetMetadata end = nextOffsetMetadata;
            if (end.offset() <= recoveryPoint) return;
            Long from = segments.floorKey(recoveryPoint);
            for (LogSegment segment : segments.tailMap(from == null ? segments.firstKey() : from, true).values()) {
                if (segment.baseOffset() > end.segmentBaseOffset()) break;
                if (segment.baseOffset() == end.segmentBaseOffset()) segment.flushData();
                else segment.flushAll();
            }
            recoveryPoint = end.offset();
            lastFlushMs = time.milliseconds();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            LOG.error("Flush of {} failed", tp, e);
        }
    }

    /** flush.ms: called periodically by the log manager. */
    void flushIfDue(long nowMs) {
        if (nowMs - lastFlushMs >= config.flushMs()) flushQuietly();
    }

    void removeExpiredProducers(long nowMs, long expirationMs) {
        lock.lock();
        try {
            producerState.removeExpired(nowMs, expirationMs);
        } finally {
            lock.unlock();
        }
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

    private void ensureOpen() {
        if (closed) throw new KafkaStorageException("Log for " + tp + " is closed");
    }

    @Override
    public String toString() {
        return "PartitionLog(" + tp + ", start=" + logStartOffset + ", end=" + logEndOffset() + ")";
    }
}
