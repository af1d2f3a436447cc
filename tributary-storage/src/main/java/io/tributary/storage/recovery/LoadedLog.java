package io.tributary.storage.recovery;

import io.tributary.storage.segment.LogSegment;
import java.util.concurrent.ConcurrentSkipListMap;

/** Result of loading a partition directory. */
public record LoadedLog(ConcurrentSkipListMap<Long, LogSegment> segments, long nextOffset, long logStartOffset,
                        long recoveryPoint) {
}
