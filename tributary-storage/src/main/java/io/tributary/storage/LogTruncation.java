package io.tributary.storage;

import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** The segment side of a follower truncation; the log's own state is lowered by {@link PartitionLog#truncateTo}. */
final class LogTruncation {

    private LogTruncation() {
    }

    /**
     * Removes the segments starting at or after offset from the map and cuts the one holding offset, with its
     * indexes. Returns the removed segments, for deletion. The caller holds the log lock and keeps at least one
     * segment below offset.
     */
    static List<LogSegment> cutSegments(ConcurrentSkipListMap<Long, LogSegment> segments, long offset,
                                        LogConfig config) throws IOException {
        List<LogSegment> removed = new ArrayList<>(segments.tailMap(offset, true).values());
        for (LogSegment segment : removed) segments.remove(segment.baseOffset(), segment);
        LogSegment last = segments.lastEntry().getValue();
        last.truncateTo(offset);
        // a sealed segment that is the active one again gets its full-size indexes back
        if (!removed.isEmpty()) last.resizeIndexes(config.segmentIndexBytes());
        return removed;
    }
}
