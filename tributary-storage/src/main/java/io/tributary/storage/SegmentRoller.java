package io.tributary.storage;

import io.tributary.storage.segment.LogOffsetMetadata;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.utils.Time;

/**
 * Writes to the active segment of one partition's log and rolls it when full or old. Every method is called
 * with the log lock held; a roll moves the log end to the new segment's base.
 */
final class SegmentRoller {

    private final LogState state;
    private final Time time;
    private final LogServices services;
    private final PartitionFlush flushing;

    SegmentRoller(LogState state, Time time, LogServices services, PartitionFlush flushing) {
        this.state = state;
        this.time = time;
        this.services = services;
        this.flushing = flushing;
    }

    /** Appends with one write; a failed write is cut off again so nothing partial stays behind the log end. */
    void append(LogSegment segment, MemoryRecords records) throws IOException {
        int sizeBefore = segment.size();
        try {
            segment.append(records);
        } catch (IOException | RuntimeException e) {
            segment.log().truncateTo(sizeBefore);
            throw e;
        }
    }

    /** The segment to append to, a new one at the log end if the active one must roll. */
    LogSegment maybeRoll(int messagesSize, long maxTimestamp, long maxOffset, long now) throws IOException {
        return maybeRoll(messagesSize, maxTimestamp, state.logEndOffset(), maxOffset, now);
    }

    /** newBase: where a new segment would start; a follower's first batch may lie past the log end (compaction). */
    LogSegment maybeRoll(int messagesSize, long maxTimestamp, long newBase, long maxOffset, long now)
            throws IOException {
        LogSegment active = state.activeSegment();
        if (!active.shouldRoll(state.config(), messagesSize, maxTimestamp, maxOffset, now)) return active;
        return roll(newBase);
    }

    /** Starts a new segment at the log end; the previous one is sealed and flushed in the background. */
    LogSegment roll() throws IOException {
        return roll(state.logEndOffset());
    }

    private LogSegment roll(long newBase) throws IOException {
        LogSegment active = state.activeSegment();
        if (active.baseOffset() == newBase && active.size() == 0) return active;
        active.onBecomeInactive();
        LogSegment segment = LogSegment.open(state.dir(), newBase, state.config(), time.milliseconds(), false, "");
        state.segments().put(newBase, segment);
        state.endMetadata(new LogOffsetMetadata(newBase, newBase, 0));
        state.producerState().takeSnapshot(newBase);
        services.schedule(flushing::flushQuietly, 0L);
        return segment;
    }
}
