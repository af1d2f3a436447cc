package io.tributary.storage.segment;

import io.tributary.storage.api.TimestampOffset;
import java.util.Collection;
import java.util.Optional;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords.TimestampAndOffset;
import org.apache.kafka.common.record.internal.Record;

/** ListOffsets by timestamp over a log's segments (time index, then a short scan). */
public final class TimestampLookup {

    private TimestampLookup() {
    }

    /** First record with timestamp >= target, offset >= logStartOffset and below logEndOffset. */
    public static Optional<TimestampOffset> firstAtOrAfter(Collection<LogSegment> segments, long timestamp,
                                                           long logStartOffset, long logEndOffset) {
        for (LogSegment segment : segments) {
            if (segment.maxTimestamp().timestamp() < timestamp) continue;
            TimestampAndOffset found = segment.findOffsetByTimestamp(timestamp, logStartOffset);
            if (found != null && found.offset < logEndOffset)
                return Optional.of(new TimestampOffset(found.timestamp, found.offset, found.leaderEpoch.orElse(-1)));
        }
        return Optional.empty();
    }

    /** The record carrying the largest timestamp (the first one if several share it). */
    public static Optional<TimestampOffset> maxTimestamp(Collection<LogSegment> segments, long logStartOffset) {
        LogSegment best = null;
        for (LogSegment segment : segments) {
            if (best == null || segment.maxTimestamp().timestamp() > best.maxTimestamp().timestamp()) best = segment;
        }
        if (best == null || best.maxTimestamp().timestamp() < 0) return Optional.empty();
        LogSegment.MaxTimestamp max = best.maxTimestamp();
        for (FileChannelRecordBatch batch : best.log().batchesFrom(best.offsetIndex().lookupPosition(max.offset()))) {
            if (batch.maxTimestamp() != max.timestamp()) continue;
            for (Record record : batch) {
                if (record.timestamp() == max.timestamp() && record.offset() >= logStartOffset)
                    return Optional.of(new TimestampOffset(record.timestamp(), record.offset(), batch.partitionLeaderEpoch()));
            }
        }
        return Optional.empty();
    }
}
