package io.tributary.storage;

import io.tributary.storage.segment.LogOffsetMetadata;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushing of one partition's log: owns the recovery point and the flush clock. Flushes serialise on their own
 * lock, never the log lock, so appends go on while a flush fsyncs; truncations move the recovery point back under
 * that same flush lock.
 */
final class PartitionFlush {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionFlush.class);

    private final LogState state;
    private final LogServices services;
    private final Time time;
    private final Object flushLock = new Object();
    /** Written under flushLock; volatile for the lock-free checkpoint and group-commit readers. */
    private volatile long recoveryPoint;
    private volatile long lastFlushMs;

    PartitionFlush(LogState state, Time time, long recoveryPoint, LogServices services) {
        this.services = services;
        this.state = state;
        this.time = time;
        this.recoveryPoint = recoveryPoint;
        this.lastFlushMs = time.milliseconds();
    }

    long recoveryPoint() {
        return recoveryPoint;
    }

    /** Fsyncs every segment holding data past the recovery point and advances it to the log end. */
    void flush() throws IOException {
        synchronized (flushLock) {
            LogOffsetMetadata end = state.endMetadata();
            if (end.offset() <= recoveryPoint) return;
            long startNs = System.nanoTime();
            ConcurrentSkipListMap<Long, LogSegment> segments = state.segments();
            Long from = segments.floorKey(recoveryPoint);
            for (LogSegment segment : segments.tailMap(from == null ? segments.firstKey() : from, true).values()) {
                if (segment.baseOffset() > end.segmentBaseOffset()) break;
                if (segment.baseOffset() == end.segmentBaseOffset()) segment.flushData();
                else segment.flushAll();
            }
            recoveryPoint = end.offset();
            lastFlushMs = time.milliseconds();
            services.flushes().flushed(System.nanoTime() - startNs);
        }
    }

    void flushQuietly() {
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            LOG.error("Flush of {} failed", state.topicPartition(), e);
            services.ioFailed(state.dir(), "Flush of " + state.topicPartition(), e);
        }
    }

    /** flush.ms: called periodically by the log manager. */
    void flushIfDue(long nowMs) {
        if (nowMs - lastFlushMs >= state.config().flushMs()) flushQuietly();
    }

    /** After a truncation to end: data past it is gone, so it cannot count as flushed. */
    void lowerRecoveryPointTo(long end) {
        synchronized (flushLock) {
            recoveryPoint = Math.min(recoveryPoint, end);
        }
    }

    /** After the log restarted empty at offset. */
    void resetRecoveryPoint(long offset) {
        synchronized (flushLock) {
            recoveryPoint = offset;
        }
    }
}
