package io.tributary.storage;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.epoch.LeaderEpochCache;
import io.tributary.storage.producer.ProducerStateManager;
import io.tributary.storage.recovery.LoadedLog;
import io.tributary.storage.segment.LogOffsetMetadata;
import io.tributary.storage.segment.LogSegment;
import java.io.File;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;

/**
 * The state of one partition's log, which {@link PartitionLog} creates and hands to the collaborators working on it
 * ({@link SegmentRoller}, {@link LogReads}, {@link LogRetention}, {@link FollowerLog}, {@link LogTransactions},
 * {@link PartitionFlush}, {@link PartitionCompaction}). They depend on this state and on each other one way only,
 * never on {@code PartitionLog}.
 *
 * <p>Locking: {@link #lock()} (the log lock) guards every change to the segment map, the log end
 * ({@link #endMetadata()}), the log start, producer state, the epoch cache, the unflushed-message count, the
 * truncation count and the closed flag; appends, rolls, retention, truncation and the cleaner's segment swap all
 * take it. Setters documented "caller holds the lock" rely on that. The high watermark is an atomic reference moved
 * without it (and set under it by truncation); the config and the cleaner's first dirty offset are volatile and
 * written without it (truncation pulls the latter back under it). The recovery point and flush clock are guarded
 * by the flush lock in {@link PartitionFlush}; a flush never takes the log lock, so appends go on during an fsync
 * (the order is log lock, then flush lock: close and truncation). Reads take no lock: they bound themselves with
 * the volatile log-end and high-watermark metadata.
 */
final class LogState {

    private final TopicPartition tp;
    private final File dir;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentSkipListMap<Long, LogSegment> segments;
    private final LeaderEpochCache epochCache;
    private final ProducerStateManager producerState;
    private final AtomicReference<LogOffsetMetadata> highWatermark;
    private volatile LogConfig config;
    private volatile LogOffsetMetadata endMetadata;
    private volatile long logStartOffset;
    private volatile long firstDirtyOffset;
    private volatile boolean closed;
    /** Bumped by every truncation so that a compaction started before one does not swap stale segments in. */
    private volatile long truncations;
    private long unflushedMessages;

    LogState(File dir, TopicPartition tp, LogConfig config, LeaderEpochCache epochCache,
             ProducerStateManager producerState, LoadedLog loaded, long firstDirtyOffset) {
        this.dir = dir;
        this.tp = tp;
        this.config = config;
        this.epochCache = epochCache;
        this.producerState = producerState;
        this.segments = loaded.segments();
        this.logStartOffset = loaded.logStartOffset();
        this.firstDirtyOffset = Math.max(firstDirtyOffset, loaded.logStartOffset());
        LogSegment active = segments.lastEntry().getValue();
        this.endMetadata = new LogOffsetMetadata(loaded.nextOffset(), active.baseOffset(), active.size());
        // A new log is empty; a loaded one gets its checkpointed high watermark from the log manager.
        this.highWatermark = new AtomicReference<>(endMetadata);
    }

    TopicPartition topicPartition() { return tp; }
    File dir() { return dir; }
    ReentrantLock lock() { return lock; }
    ConcurrentSkipListMap<Long, LogSegment> segments() { return segments; }
    /** The segment appends go to (the map is never empty). */
    LogSegment activeSegment() { return segments.lastEntry().getValue(); }
    LeaderEpochCache epochCache() { return epochCache; }
    ProducerStateManager producerState() { return producerState; }

    LogConfig config() { return config; }
    void config(LogConfig newConfig) { config = newConfig; }

    long logStartOffset() { return logStartOffset; }
    /** Caller holds the lock. */
    void logStartOffset(long offset) { logStartOffset = offset; }

    long logEndOffset() { return endMetadata.offset(); }
    LogOffsetMetadata endMetadata() { return endMetadata; }
    /** Caller holds the lock. */
    void endMetadata(LogOffsetMetadata end) { endMetadata = end; }

    long highWatermark() { return highWatermark.get().offset(); }
    LogOffsetMetadata highWatermarkMetadata() { return highWatermark.get(); }
    /** Moves the high watermark to {@code target}, backward too (follower, truncation). */
    void highWatermark(LogOffsetMetadata target) { highWatermark.set(target); }
    /** Moves the high watermark forward to {@code target}; never back, whatever other threads do meanwhile. */
    void advanceHighWatermark(LogOffsetMetadata target) {
        highWatermark.accumulateAndGet(target, (cur, upd) -> upd.offset() > cur.offset() ? upd : cur);
    }

    long firstDirtyOffset() { return firstDirtyOffset; }
    void firstDirtyOffset(long offset) { firstDirtyOffset = offset; }

    long truncations() { return truncations; }
    /** Caller holds the lock. */
    void countTruncation() { truncations++; }

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

    boolean isClosed() { return closed; }
    /** Caller holds the lock. */
    void markClosed() { closed = true; }

    /** Its log dir failed: no lock, so that it works from inside a failing append too (closed is volatile). */
    void markOffline() { closed = true; }

    void ensureOpen() {
        if (closed) throw new KafkaStorageException("Log for " + tp + " is closed");
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

    long sizeInBytes() {
        long size = 0;
        for (LogSegment s : segments.values()) size += s.size();
        return size;
    }
}
