package io.tributary.storage;

import io.tributary.storage.epoch.LeaderEpochCache;
import io.tributary.storage.producer.ProducerStateManager;
import io.tributary.storage.recovery.ProducerStateRebuild;
import io.tributary.storage.segment.AbortedTxn;
import io.tributary.storage.segment.LogOffsetMetadata;
import io.tributary.storage.segment.LogSegment;
import io.tributary.storage.validation.FollowerBatches;
import io.tributary.storage.validation.FollowerRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.utils.Time;

/**
 * The follower operations of one {@link PartitionLog}: replicated appends, truncation and restarting the log at a
 * new offset. Each holds the log lock throughout; a flush the append makes due runs after the lock is released.
 */
final class FollowerLog {

    private final PartitionLog log;
    private final Time time;
    private final LogServices services;
    private final LeaderEpochCache epochCache;
    private final ProducerStateManager producerState;
    private final PartitionFlush flushing;
    private final LogRetention retention;
    private final SegmentRoller roller;

    FollowerLog(PartitionLog log, Time time, LogServices services, LeaderEpochCache epochCache,
                ProducerStateManager producerState, PartitionFlush flushing, LogRetention retention,
                SegmentRoller roller) {
        this.log = log;
        this.time = time;
        this.services = services;
        this.epochCache = epochCache;
        this.producerState = producerState;
        this.flushing = flushing;
        this.retention = retention;
        this.roller = roller;
    }

    /** See {@link PartitionLog#appendAsFollower}. */
    AppendResult appendAsFollower(MemoryRecords fetched) {
        FollowerRecords records = FollowerBatches.analyze(log.topicPartition(), fetched);
        if (records == null) return null;
        long now = time.milliseconds();
        boolean flushNeeded;
        AppendResult result;
        log.lock().lock();
        try {
            log.ensureOpen();
            long end = log.logEndOffset();
            if (records.firstOffset() < end) {
                if (log.logStartOffset() != end || records.lastOffset() < end)
                    throw new UnexpectedAppendOffsetException("Replicated batches for " + log.topicPartition()
                            + " start at " + records.firstOffset() + ", below the log end " + end,
                            records.firstOffset(), end);
                restartAt(records.firstOffset());
            }
            LogSegment segment = roller.maybeRoll(records.sizeInBytes(), records.maxTimestamp(), records.firstOffset(),
                    records.lastOffset(), now);
            roller.append(segment, records.records());
            List<AbortedTxn> aborted = FollowerLogSupport.applyReplicated(records.records(), epochCache, producerState);
            log.endMetadata(new LogOffsetMetadata(records.lastOffset() + 1, segment.baseOffset(), segment.size()));
            for (AbortedTxn txn : aborted) segment.txnIndex().append(txn); // after the log end moved, as for markers
            flushNeeded = log.countUnflushed(records.recordCount());
            result = new AppendResult(records.firstOffset(), records.lastOffset(), -1L, log.logStartOffset(),
                    records.recordCount(), false);
        } catch (IOException | UncheckedIOException e) {
            throw new KafkaStorageException("Follower append to " + log.topicPartition() + " failed: "
                    + e.getMessage(), e);
        } finally {
            log.lock().unlock();
        }
        if (flushNeeded) flushing.flushQuietly();
        return result;
    }

    /** See {@link PartitionLog#truncateTo}. */
    void truncateTo(long offset) {
        log.lock().lock();
        try {
            log.ensureOpen();
            if (offset >= log.logEndOffset()) {
                // No records to drop, but an epoch this replica led without writing (it starts at the log end)
                // must go, or the follower keeps sending it as its last fetched epoch and diverges forever.
                epochCache.truncateFromEnd(log.logEndOffset());
                return;
            }
            if (offset <= log.logStartOffset()) {
                restartAt(offset);
                return;
            }
            log.countTruncation();
            retention.scheduleDeletion(FollowerLogSupport.cutSegments(log.segments(), offset, log.config()));
            LogSegment active = log.segments().lastEntry().getValue();
            long end = active.readNextOffset();
            LogOffsetMetadata endMetadata = new LogOffsetMetadata(end, active.baseOffset(), active.size());
            log.endMetadata(endMetadata);
            epochCache.truncateFromEnd(end);
            ProducerStateRebuild.rebuild(producerState, log.segments(), end, log.logStartOffset());
            if (log.highWatermarkRef().get().offset() > end) log.highWatermarkRef().set(endMetadata);
            flushing.lowerRecoveryPointTo(end);
            log.firstDirtyOffset(Math.max(log.logStartOffset(), Math.min(log.firstDirtyOffset(), end)));
        } catch (IOException | UncheckedIOException e) {
            throw new KafkaStorageException("Truncation of " + log.topicPartition() + " to " + offset + " failed: "
                    + e.getMessage(), e);
        } finally {
            log.lock().unlock();
        }
    }

    /** See {@link PartitionLog#truncateFullyAndStartAt}. */
    void truncateFullyAndStartAt(long offset) {
        log.lock().lock();
        try {
            log.ensureOpen();
            restartAt(offset);
        } catch (IOException | UncheckedIOException e) {
            throw new KafkaStorageException("Restarting " + log.topicPartition() + " at " + offset + " failed: "
                    + e.getMessage(), e);
        } finally {
            log.lock().unlock();
        }
    }

    /** Empties the log and restarts it at offset. Caller holds the lock. */
    private void restartAt(long offset) throws IOException {
        log.countTruncation();
        List<LogSegment> old = new ArrayList<>(log.segments().values());
        retention.scheduleDeletion(old); // renamed at once, so the new segment may reuse a base offset
        log.segments().put(offset, LogSegment.open(log.dir(), offset, log.config(), time.milliseconds(), false, ""));
        for (LogSegment segment : old) log.segments().remove(segment.baseOffset(), segment); // never an empty map
        LogOffsetMetadata start = new LogOffsetMetadata(offset, offset, 0);
        log.endMetadata(start);
        log.logStartOffset(offset);
        epochCache.clear();
        producerState.truncateFullyAndStartAt(offset);
        log.highWatermarkRef().set(start);
        flushing.resetRecoveryPoint(offset);
        log.firstDirtyOffset(offset);
        services.logStartOffsetChanged(log);
    }
}
