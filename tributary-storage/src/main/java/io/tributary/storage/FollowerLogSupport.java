package io.tributary.storage;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.epoch.LeaderEpochCache;
import io.tributary.storage.producer.CompletedTxn;
import io.tributary.storage.producer.ProducerStateManager;
import io.tributary.storage.segment.AbortedTxn;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;

/**
 * The parts of a follower's appends and truncations that work on segments, epochs and producer state; the log's
 * own offsets are moved by {@link FollowerLog}, which holds the log lock while calling these.
 */
final class FollowerLogSupport {

    private FollowerLogSupport() {
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

    /**
     * Leader epochs and producer state from replicated batches just written (no duplicate or sequence checks: the
     * leader made them). Returns the transactions their ABORT markers ended, for the transaction index.
     */
    static List<AbortedTxn> applyReplicated(MemoryRecords records, LeaderEpochCache epochCache,
                                            ProducerStateManager producerState) {
        List<AbortedTxn> aborted = List.of();
        for (MutableRecordBatch batch : records.batches()) {
            epochCache.assign(batch.partitionLeaderEpoch(), batch.baseOffset());
            if (!batch.hasProducerId()) continue;
            CompletedTxn completed = producerState.replay(batch);
            if (completed != null && completed.aborted()) {
                if (aborted.isEmpty()) aborted = new ArrayList<>(2);
                aborted.add(completed.toAbortedTxn());
            }
        }
        return aborted;
    }
}
