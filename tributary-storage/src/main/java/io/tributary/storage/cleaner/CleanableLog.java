package io.tributary.storage.cleaner;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.segment.LogSegment;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** What the cleaner needs from a partition log, kept off the log's public API. */
public interface CleanableLog {

    TopicPartition topicPartition();

    LogConfig config();

    File dir();

    /** Current segments, oldest first. */
    List<LogSegment> segments();

    /** Offset below which the log was already compacted. */
    long firstDirtyOffset();

    /** Compaction must stay below this: the active segment, the high watermark and min.compaction.lag.ms. */
    long firstUncleanableOffset(long nowMs);

    /** Swaps consecutive segments for their cleaned replacement; false (nothing done) if the log changed. */
    boolean replaceSegments(List<LogSegment> replaced, LogSegment cleaned) throws IOException;

    /** Records progress: the new first dirty offset and when retained tombstones become removable. */
    void cleaningDone(long firstDirtyOffset, long tombstoneDeadlineMs);

    /** Earliest time a retained tombstone may be removed by another pass (Long.MAX_VALUE if none). */
    long tombstoneDeadlineMs();
}
