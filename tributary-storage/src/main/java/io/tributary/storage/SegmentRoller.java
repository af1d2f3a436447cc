package io.tributary.storage;

import io.tributary.storage.producer.ProducerStateManager;
import io.tributary.storage.segment.LogOffsetMetadata;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.utils.Time;

/**
 * Writes to the active segment of one {@link PartitionLog} and rolls it when full or old. Every method is called
 * with the log lock held; a roll moves the log end to the new segment's base.
 */
final class SegmentRoller {

    private final PartitionLog log;
    private final Time time;
    private final LogServices services;
    private final ProducerStateManager producerState;
    private final PartitionFlush flushing;

    SegmentRoller(PartitionLog log, Time time, LogServices services, ProducerStateManager producerState,
                  PartitionFlush flushing) {
        this.log = log;
        this.time = time;
        this.services = services;
        this.producerState = producerState;
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
        return maybeRoll(messagesSize, maxTimestamp, log.logEndOffset(), maxOffset, now);
    }

    /** newBase: where a new segment would start; a follower's first batch may lie past the log end (compaction). */
    LogSegment maybeRoll(int messagesSize, long maxTimestamp, long newBase, long maxOffset, long now)
            throws IOException {
        LogSegment active = log.segments().lastEntry().getValue();
        if (!active.shouldRoll(log.config(), messagesSize, maxTimestamp, maxOffset, now)) return active;
        return roll(newBase);
    }

    /** Starts a new segment at the log end; the previous one is sealed and flushed in the background. */
    LogSegment roll() throws IOException {
        return roll(log.logEndOffset());
    }

    private LogSegment roll(long newBase) throws IOException {
        LogSegment active = log.segments().lastEntry().getValue();
        if (active.baseOffset() == newBase && active.size() == 0) return active;
        active.onBecomeInactive();
        LogSegment segment = LogSegment.open(log.dir(), newBase, log.config(), time.milliseconds(), false, "");
        log.segments().put(newBase, segment);
        log.endMetadata(new LogOffsetMetadata(newBase, newBase, 0));
        producerState.takeSnapshot(newBase);
        services.schedule(flushing::flushQuietly, 0L);
        return segment;
    }
}
