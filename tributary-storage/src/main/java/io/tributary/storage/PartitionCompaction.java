package io.tributary.storage;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.cleaner.CleanableLog;
import io.tributary.storage.segment.LogFileNames;
import io.tributary.storage.segment.LogSegment;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** Adapts a partition's log to the cleaner without widening the log's public API. */
final class PartitionCompaction implements CleanableLog {

    private final LogState state;
    private final LogRetention retention;
    private volatile long tombstoneDeadlineMs = Long.MAX_VALUE;
    /** Truncation count when the cleaner listed the segments: a truncation since then makes its result stale. */
    private volatile long truncationsAtListing;

    PartitionCompaction(LogState state, LogRetention retention) {
        this.state = state;
        this.retention = retention;
    }

    @Override public TopicPartition topicPartition() { return state.topicPartition(); }
    @Override public LogConfig config() { return state.config(); }
    @Override public File dir() { return state.dir(); }
    @Override
    public List<LogSegment> segments() {
        truncationsAtListing = state.truncations();
        return new ArrayList<>(state.segments().values());
    }

    @Override public long firstDirtyOffset() { return state.firstDirtyOffset(); }
    @Override public long tombstoneDeadlineMs() { return tombstoneDeadlineMs; }

    @Override
    public long firstUncleanableOffset(long nowMs) {
        long bound = Math.min(state.segments().lastKey(), state.highWatermark());
        long minLag = state.config().minCompactionLagMs();
        if (minLag > 0) {
            for (LogSegment s : state.segments().values()) {
                if (s.baseOffset() >= bound) break;
                if (nowMs - s.largestTimestamp() < minLag) return s.baseOffset();
            }
        }
        return bound;
    }

    @Override
    public boolean replaceSegments(List<LogSegment> replaced, LogSegment cleaned) throws IOException {
        state.lock().lock();
        try {
            if (state.truncations() != truncationsAtListing) return false; // a follower truncation cut the data
            for (LogSegment s : replaced) {
                if (state.segments().get(s.baseOffset()) != s) return false; // retention got there first
            }
            // Crash-safe order: .cleaned -> .swap, old -> .deleted, .swap -> live (the loader finishes a swap)
            cleaned.changeFileSuffix(LogFileNames.CLEANED_SUFFIX, LogFileNames.SWAP_SUFFIX);
            retention.scheduleDeletion(replaced);
            cleaned.changeFileSuffix(LogFileNames.SWAP_SUFFIX, "");
            state.segments().put(cleaned.baseOffset(), cleaned); // same base offset: readers never see a gap
            for (LogSegment s : replaced) {
                if (s.baseOffset() != cleaned.baseOffset()) state.segments().remove(s.baseOffset(), s);
            }
            return true;
        } finally {
            state.lock().unlock();
        }
    }

    @Override
    public void cleaningDone(long firstDirtyOffset, long tombstoneDeadlineMs) {
        if (state.truncations() != truncationsAtListing) return; // the cleaned range may no longer exist
        state.firstDirtyOffset(firstDirtyOffset);
        this.tombstoneDeadlineMs = tombstoneDeadlineMs;
    }
}
