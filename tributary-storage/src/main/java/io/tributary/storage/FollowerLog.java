package io.tributary.storage;

import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.UnexpectedAppendOffsetException;
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
 * The follower operations of one partition's log: replicated appends, truncation and restarting the log at a
 * new offset. Each holds the log lock throughout; a flush the append makes due runs after the lock is released.
 */
final class FollowerLog {

    private final LogState state;
    private final Time time;
    private final LogServices services;
    private final PartitionFlush flushing;
    private final LogRetention retention;
    private final SegmentRoller roller;

    FollowerLog(LogState state, Time time, LogServices services, PartitionFlush flushing, LogRetention retention,
                SegmentRoller roller) {
        this.state = state;
        this.time = time;
        this.services = services;
        this.flushing = flushing;
        this.retention = retention;
        this.roller = roller;
    }

    /** See {@link PartitionLog#appendAsFollower}. */
    AppendResult appendAsFollower(MemoryRecords fetched) {
        FollowerRecords records = FollowerBatches.analyze(state.topicPartition(), fetched);
        if (records == null) return null;
        long now = time.milliseconds();
        boolean flushNeeded;
        AppendResult result;
        state.lock().lock();
        try {
            state.ensureOpen();
            long end = state.logEndOffset();
            if (records.firstOffset() < end) {
                if (state.logStartOffset() != end || records.lastOffset() < end)
                    throw new UnexpectedAppendOffsetException("Replicated batches for " + state.topicPartition()
                            + " start at " + records.firstOffset() + ", below the log end " + end,
                            records.firstOffset(), end);
                restartAt(records.firstOffset());
            }
            LogSegment segment = roller.maybeRoll(records.sizeInBytes(), records.maxTimestamp(), records.firstOffset(),
                    records.lastOffset(), now);
            roller.append(segment, records.records());
            List<AbortedTxn> aborted = FollowerLogSupport.applyReplicated(records.records(), state.epochCache(),
                    state.producerState());
            state.endMetadata(new LogOffsetMetadata(records.lastOffset() + 1, segment.baseOffset(), segment.size()));
            for (AbortedTxn txn : aborted) segment.txnIndex().append(txn); // after the log end moved, as for markers
            state.producerState().publishFirstUnstable(); // after the index entries, as for markers
            flushNeeded = state.countUnflushed(records.recordCount());
            result = new AppendResult(records.firstOffset(), records.lastOffset(), -1L, state.logStartOffset(),
                    records.recordCount(), false);
        } catch (IOException | UncheckedIOException e) {
            throw services.ioFailed(state.dir(), "Follower append to " + state.topicPartition(), e);
        } finally {
            state.lock().unlock();
        }
        if (flushNeeded) flushing.flushQuietly();
        return result;
    }

    /** See {@link PartitionLog#truncateTo}. */
    void truncateTo(long offset) {
        state.lock().lock();
        try {
            state.ensureOpen();
            if (offset >= state.logEndOffset()) {
                // No records to drop, but an epoch this replica led without writing (it starts at the log end)
                // must go, or the follower keeps sending it as its last fetched epoch and diverges forever.
                state.epochCache().truncateFromEnd(state.logEndOffset());
                return;
            }
            if (offset <= state.logStartOffset()) {
                restartAt(offset);
                return;
            }
            state.countTruncation();
            retention.scheduleDeletion(FollowerLogSupport.cutSegments(state.segments(), offset, state.config()));
            LogSegment active = state.activeSegment();
            long end = active.readNextOffset();
            LogOffsetMetadata endMetadata = new LogOffsetMetadata(end, active.baseOffset(), active.size());
            state.endMetadata(endMetadata);
            state.epochCache().truncateFromEnd(end);
            ProducerStateRebuild.rebuild(state.producerState(), state.segments(), end, state.logStartOffset());
            if (state.highWatermark() > end) state.highWatermark(endMetadata);
            flushing.lowerRecoveryPointTo(end);
            state.firstDirtyOffset(Math.max(state.logStartOffset(), Math.min(state.firstDirtyOffset(), end)));
        } catch (IOException | UncheckedIOException e) {
            throw services.ioFailed(state.dir(), "Truncation of " + state.topicPartition() + " to " + offset, e);
        } finally {
            state.lock().unlock();
        }
    }

    /** See {@link PartitionLog#truncateFullyAndStartAt}. */
    void truncateFullyAndStartAt(long offset) {
        state.lock().lock();
        try {
            state.ensureOpen();
            restartAt(offset);
        } catch (IOException | UncheckedIOException e) {
            throw services.ioFailed(state.dir(), "Restarting " + state.topicPartition() + " at " + offset, e);
        } finally {
            state.lock().unlock();
        }
    }

    /** Empties the log and restarts it at offset. Caller holds the lock. */
    private void restartAt(long offset) throws IOException {
        state.countTruncation();
        List<LogSegment> old = new ArrayList<>(state.segments().values());
        retention.scheduleDeletion(old); // renamed at once, so the new segment may reuse a base offset
        LogSegment fresh = LogSegment.open(state.dir(), offset, state.config(), time.milliseconds(), false, "");
        state.segments().put(offset, fresh);
        for (LogSegment segment : old) state.segments().remove(segment.baseOffset(), segment); // never an empty map
        LogOffsetMetadata start = new LogOffsetMetadata(offset, offset, 0);
        state.endMetadata(start);
        state.logStartOffset(offset);
        state.epochCache().clear();
        state.producerState().truncateFullyAndStartAt(offset);
        state.highWatermark(start);
        flushing.resetRecoveryPoint(offset);
        state.firstDirtyOffset(offset);
        services.logStartOffsetChanged(state.dir());
    }
}
