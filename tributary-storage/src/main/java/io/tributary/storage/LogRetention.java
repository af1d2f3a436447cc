package io.tributary.storage;

import io.tributary.storage.epoch.LeaderEpochCache;
import io.tributary.storage.producer.ProducerStateManager;
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
 * Retention, DeleteRecords and segment deletion of one {@link PartitionLog}: everything that moves the log start
 * forward. Takes the log lock for each operation, as every change to the segment map does.
 */
final class LogRetention {

    private static final Logger LOG = LoggerFactory.getLogger(LogRetention.class);

    private final PartitionLog log;
    private final Time time;
    private final LogServices services;
    private final LeaderEpochCache epochCache;
    private final ProducerStateManager producerState;
    private final SegmentRoller roller;

    LogRetention(PartitionLog log, Time time, LogServices services, LeaderEpochCache epochCache,
                 ProducerStateManager producerState, SegmentRoller roller) {
        this.log = log;
        this.time = time;
        this.services = services;
        this.epochCache = epochCache;
        this.producerState = producerState;
        this.roller = roller;
    }

    /** See {@link PartitionLog#deleteRecordsBefore}. */
    long deleteRecordsBefore(long offset) {
        if (offset > log.highWatermark())
            throw new OffsetOutOfRangeException("Cannot delete records of " + log.topicPartition() + " before "
                    + offset + ": above the high watermark " + log.highWatermark());
        log.lock().lock();
        try {
            log.ensureOpen();
            if (offset > log.logStartOffset()) {
                moveLogStart(offset);
                deleteLeadingSegments(RetentionPolicy.belowLogStart(new ArrayList<>(log.segments().values()), offset));
            }
            return log.logStartOffset();
        } catch (IOException e) {
            throw new KafkaStorageException("DeleteRecords on " + log.topicPartition() + " failed", e);
        } finally {
            log.lock().unlock();
        }
    }

    /** See {@link PartitionLog#deleteOldSegments}. */
    int deleteOldSegments() {
        log.lock().lock();
        try {
            if (log.isClosed()) return 0;
            LogConfig cfg = log.config();
            List<LogSegment> list = new ArrayList<>(log.segments().values());
            int count = Math.max(RetentionPolicy.belowLogStart(list, log.logStartOffset()),
                    Math.max(RetentionPolicy.breachingTime(list, cfg, time.milliseconds()),
                            RetentionPolicy.breachingSize(list, cfg)));
            return deleteLeadingSegments(count);
        } catch (IOException e) {
            throw new KafkaStorageException("Retention on " + log.topicPartition() + " failed", e);
        } finally {
            log.lock().unlock();
        }
    }

    /** Deletes up to count leading segments holding only data below the high watermark. Caller holds the lock. */
    private int deleteLeadingSegments(int count) throws IOException {
        List<LogSegment> list = new ArrayList<>(log.segments().values());
        long hw = log.highWatermark();
        int allowed = 0;
        while (allowed < count && allowed < list.size()) {
            long segmentEnd = allowed + 1 < list.size() ? list.get(allowed + 1).baseOffset() : log.logEndOffset();
            if (segmentEnd > hw) break;
            allowed++;
        }
        if (allowed == 0) return 0;
        if (allowed == list.size()) {
            if (list.get(allowed - 1).size() == 0) allowed--; // an empty active segment stays
            else roller.roll(); // keep an (empty) active segment, like Kafka
        }
        List<LogSegment> doomed = new ArrayList<>(list.subList(0, allowed));
        for (LogSegment segment : doomed) log.segments().remove(segment.baseOffset(), segment);
        long newStart = Math.max(log.logStartOffset(), log.segments().firstKey());
        if (newStart != log.logStartOffset()) moveLogStart(newStart);
        scheduleDeletion(doomed);
        return doomed.size();
    }

    /** Caller holds the lock. The new start is checkpointed through the log services. */
    private void moveLogStart(long newStart) {
        log.logStartOffset(newStart);
        epochCache.truncateFromStart(newStart);
        producerState.truncateHead(newStart);
        services.logStartOffsetChanged(log);
    }

    /** Renames to .deleted now (readers keep their open channels) and removes the files after file.delete.delay.ms. */
    void scheduleDeletion(List<LogSegment> doomed) throws IOException {
        for (LogSegment segment : doomed) segment.changeFileSuffix("", LogFileNames.DELETED_SUFFIX);
        services.schedule(() -> {
            for (LogSegment segment : doomed) {
                try {
                    segment.closeAndDeleteFiles();
                } catch (IOException e) {
                    LOG.warn("Could not delete segment {} of {}", segment.baseOffset(), log.topicPartition(), e);
                }
            }
        }, log.config().fileDeleteDelayMs());
    }
}
