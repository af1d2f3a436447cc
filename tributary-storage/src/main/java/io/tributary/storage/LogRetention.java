package io.tributary.storage;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.retention.RetentionPolicy;
import io.tributary.storage.segment.LogFileNames;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention, DeleteRecords and segment deletion of one partition's log: everything that moves the log start
 * forward. Takes the log lock for each operation, as every change to the segment map does.
 */
final class LogRetention {

    private static final Logger LOG = LoggerFactory.getLogger(LogRetention.class);

    private final LogState state;
    private final Time time;
    private final LogServices services;
    private final SegmentRoller roller;

    LogRetention(LogState state, Time time, LogServices services, SegmentRoller roller) {
        this.state = state;
        this.time = time;
        this.services = services;
        this.roller = roller;
    }

    /** See {@link PartitionLog#deleteRecordsBefore}. */
    long deleteRecordsBefore(long offset) {
        if (offset > state.highWatermark())
            throw new OffsetOutOfRangeException("Cannot delete records of " + state.topicPartition() + " before "
                    + offset + ": above the high watermark " + state.highWatermark());
        state.lock().lock();
        try {
            state.ensureOpen();
            if (offset > state.logStartOffset()) {
                moveLogStart(offset);
                List<LogSegment> list = new ArrayList<>(state.segments().values());
                deleteLeadingSegments(RetentionPolicy.belowLogStart(list, offset));
            }
            return state.logStartOffset();
        } catch (IOException e) {
            throw new KafkaStorageException("DeleteRecords on " + state.topicPartition() + " failed", e);
        } finally {
            state.lock().unlock();
        }
    }

    /** See {@link PartitionLog#deleteOldSegments}. */
    int deleteOldSegments() {
        state.lock().lock();
        try {
            if (state.isClosed()) return 0;
            LogConfig cfg = state.config();
            List<LogSegment> list = new ArrayList<>(state.segments().values());
            int count = Math.max(RetentionPolicy.belowLogStart(list, state.logStartOffset()),
                    Math.max(RetentionPolicy.breachingTime(list, cfg, time.milliseconds()),
                            RetentionPolicy.breachingSize(list, cfg)));
            return deleteLeadingSegments(count);
        } catch (IOException e) {
            throw new KafkaStorageException("Retention on " + state.topicPartition() + " failed", e);
        } finally {
            state.lock().unlock();
        }
    }

    /** Deletes up to count leading segments holding only data below the high watermark. Caller holds the lock. */
    private int deleteLeadingSegments(int count) throws IOException {
        List<LogSegment> list = new ArrayList<>(state.segments().values());
        long hw = state.highWatermark();
        int allowed = 0;
        while (allowed < count && allowed < list.size()) {
            long segmentEnd = allowed + 1 < list.size() ? list.get(allowed + 1).baseOffset() : state.logEndOffset();
            if (segmentEnd > hw) break;
            allowed++;
        }
        if (allowed == 0) return 0;
        if (allowed == list.size()) {
            if (list.get(allowed - 1).size() == 0) allowed--; // an empty active segment stays
            else roller.roll(); // keep an (empty) active segment, like Kafka
        }
        List<LogSegment> doomed = new ArrayList<>(list.subList(0, allowed));
        for (LogSegment segment : doomed) state.segments().remove(segment.baseOffset(), segment);
        long newStart = Math.max(state.logStartOffset(), state.segments().firstKey());
        if (newStart != state.logStartOffset()) moveLogStart(newStart);
        scheduleDeletion(doomed);
        return doomed.size();
    }

    /** Caller holds the lock. The new start is checkpointed through the log services. */
    private void moveLogStart(long newStart) {
        state.logStartOffset(newStart);
        state.epochCache().truncateFromStart(newStart);
        state.producerState().truncateHead(newStart);
        state.producerState().publishFirstUnstable();
        services.logStartOffsetChanged(state.dir());
    }

    /** Renames to .deleted now (readers keep their open channels) and removes the files after file.delete.delay.ms. */
    void scheduleDeletion(List<LogSegment> doomed) throws IOException {
        for (LogSegment segment : doomed) segment.changeFileSuffix("", LogFileNames.DELETED_SUFFIX);
        services.schedule(() -> {
            for (LogSegment segment : doomed) {
                try {
                    segment.closeAndDeleteFiles();
                } catch (IOException e) {
                    LOG.warn("Could not delete segment {} of {}", segment.baseOffset(), state.topicPartition(), e);
                }
            }
        }, state.config().fileDeleteDelayMs());
    }
}
