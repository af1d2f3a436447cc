package io.tributary.storage;

import io.tributary.storage.cleaner.CleanableLog;
import io.tributary.storage.segment.LogFileNames;
import io.tributary.storage.segment.LogSegment;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** Adapts a {@link PartitionLog} to the cleaner without widening the log's public API. */
final class PartitionCompaction implements CleanableLog {

    private final PartitionLog log;
    private volatile long tombstoneDeadlineMs = Long.MAX_VALUE;
    /** Truncation count when the cleaner listed the segments: a truncation since then makes its result stale. */
    private volatile long truncationsAtListing;

    PartitionCompaction(PartitionLog log) {
        this.log = log;
    }

    @Override public TopicPartition topicPartition() { return log.topicPartition(); }
    @Override public LogConfig config() { return log.config(); }
    @Override public File dir() { return log.dir(); }
    @Override
    public List<LogSegment> segments() {
        truncationsAtListing = log.truncations();
        return new ArrayList<>(log.segments().values());
    }

    @Override public long firstDirtyOffset() { return log.firstDirtyOffset(); }
    @Override public long tombstoneDeadlineMs() { return tombstoneDeadlineMs; }

    @Override
    public long firstUncleanableOffset(long nowMs) {
        long bound = Math.min(log.segments().lastKey(), log.highWatermark());
        long minLag = log.config().minCompactionLagMs();
        if (minLag > 0) {
            for (LogSegment s : log.segments().values()) {
                if (s.baseOffset() >= bound) break;
                if (nowMs - s.largestTimestamp() < minLag) return s.baseOffset();
            }
        }
        return bound;
    }

    @Override
    public boolean replaceSegments(List<LogSegment> replaced, LogSegment cleaned) throws IOException {
        log.lock().lock();
        try {
            if (log.truncations() != truncationsAtListing) return false; // a follower truncation cut the data
            for (LogSegment s : replaced) {
                if (log.segments().get(s.baseOffset()) != s) return false; // retention got there first
            }
            // Crash-safe order: .cleaned -> .swap, old -> .deleted, .swap -> live (the loader finishes a swap)
            cleaned.changeFileSuffix(LogFileNames.CLEANED_SUFFIX, LogFileNames.SWAP_SUFFIX);
            log.scheduleDeletion(replaced);
            cleaned.changeFileSuffix(LogFileNames.SWAP_SUFFIX, "");
            log.segments().put(cleaned.baseOffset(), cleaned); // same base offset: readers never see a gap
            for (LogSegment s : replaced) {
                if (s.baseOffset() != cleaned.baseOffset()) log.segments().remove(s.baseOffset(), s);
            }
            return true;
        } finally {
            log.lock().unlock();
        }
    }

    @Override
    public void cleaningDone(long firstDirtyOffset, long tombstoneDeadlineMs) {
        if (log.truncations() != truncationsAtListing) return; // the cleaned range may no longer exist
        log.firstDirtyOffset(firstDirtyOffset);
        this.tombstoneDeadlineMs = tombstoneDeadlineMs;
    }
}
