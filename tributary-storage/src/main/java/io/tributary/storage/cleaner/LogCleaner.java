package io.tributary.storage.cleaner;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log compaction for cleanup.policy=compact. A pass builds the key → latest-offset map of the dirty part, then
 * rewrites every cleanable segment (grouped up to segment.bytes) and swaps the results in atomically.
 * Runs on the log manager's cleaner thread; appends continue meanwhile, since only inactive segments below the
 * high watermark are touched.
 */
public final class LogCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(LogCleaner.class);

    private final SegmentRewriter rewriter = new SegmentRewriter();

    /** Cleans the log if it is due; returns true when segments were rewritten. */
    public boolean maybeClean(CleanableLog log, long nowMs) throws IOException {
        LogConfig config = log.config();
        if (!config.compact()) return false;
        long uncleanable = log.firstUncleanableOffset(nowMs);
        List<LogSegment> cleanable = cleanableSegments(log.segments(), uncleanable);
        if (cleanable.isEmpty()) return false;
        long firstDirty = Math.max(log.firstDirtyOffset(), cleanable.get(0).baseOffset());
        if (!isDue(log, cleanable, firstDirty, uncleanable, nowMs)) return false;
        clean(log, cleanable, firstDirty, uncleanable, nowMs);
        return true;
    }

    private static List<LogSegment> cleanableSegments(List<LogSegment> segments, long uncleanable) {
        List<LogSegment> result = new ArrayList<>();
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (segments.get(i + 1).baseOffset() > uncleanable) break;
            result.add(segments.get(i));
        }
        return result;
    }

    private static boolean isDue(CleanableLog log, List<LogSegment> cleanable, long firstDirty, long uncleanable,
                                 long nowMs) {
        if (nowMs >= log.tombstoneDeadlineMs()) return true;
        if (firstDirty >= uncleanable) return false;
        long cleanBytes = 0;
        long dirtyBytes = 0;
        LogSegment firstDirtySegment = null;
        for (int i = 0; i < cleanable.size(); i++) {
            LogSegment s = cleanable.get(i);
            long end = i + 1 < cleanable.size() ? cleanable.get(i + 1).baseOffset() : uncleanable;
            if (end <= firstDirty) {
                cleanBytes += s.size();
            } else {
                dirtyBytes += s.size();
                if (firstDirtySegment == null) firstDirtySegment = s;
            }
        }
        if (dirtyBytes == 0) return false;
        LogConfig config = log.config();
        boolean maxLagExceeded = firstDirtySegment != null
                && nowMs - firstDirtySegment.largestTimestamp() > config.maxCompactionLagMs();
        double dirtyRatio = (double) dirtyBytes / (cleanBytes + dirtyBytes);
        return maxLagExceeded || dirtyRatio >= config.minCleanableDirtyRatio();
    }

    private void clean(CleanableLog log, List<LogSegment> cleanable, long firstDirty, long uncleanable, long nowMs)
            throws IOException {
        KeyOffsetMap map = KeyOffsetMap.build(cleanable, firstDirty, uncleanable);
        CompactionFilter filter = new CompactionFilter(nowMs, log.config().deleteRetentionMs(), map);
        long before = 0;
        long after = 0;
        for (List<LogSegment> group : groupBySize(cleanable, log.config().segmentBytes())) {
            LogSegment cleaned = rewriter.rewrite(log, group, filter, nowMs);
            for (LogSegment s : group) before += s.size();
            after += cleaned.size();
            if (!log.replaceSegments(group, cleaned)) {
                cleaned.closeAndDeleteFiles();
                LOG.info("Log {} changed during cleaning; will retry", log.topicPartition());
                return;
            }
        }
        log.cleaningDone(uncleanable, filter.tombstoneDeadlineMs());
        LOG.info("Cleaned {} up to offset {}: {} keys, {} -> {} bytes", log.topicPartition(), uncleanable,
                map.size(), before, after);
    }

    /** Consecutive segments whose total size fits one segment (and whose offsets fit a relative int). */
    private static List<List<LogSegment>> groupBySize(List<LogSegment> segments, int maxBytes) {
        List<List<LogSegment>> groups = new ArrayList<>();
        List<LogSegment> current = new ArrayList<>();
        long size = 0;
        for (int i = 0; i < segments.size(); i++) {
            LogSegment s = segments.get(i);
            long end = i + 1 < segments.size() ? segments.get(i + 1).baseOffset() : Long.MAX_VALUE;
            boolean fits = current.isEmpty() || (size + s.size() <= maxBytes
                    && (end == Long.MAX_VALUE || end - 1 - current.get(0).baseOffset() <= Integer.MAX_VALUE));
            if (!fits) {
                groups.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(s);
            size += s.size();
        }
        if (!current.isEmpty()) groups.add(current);
        return groups;
    }
}
