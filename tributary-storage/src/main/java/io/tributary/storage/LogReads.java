package io.tributary.storage;

import io.tributary.storage.segment.LogOffsetMetadata;
import io.tributary.storage.segment.LogSegment;
import io.tributary.storage.segment.SegmentSlice;
import io.tributary.storage.segment.TimestampLookup;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.record.internal.FileRecords.LogOffsetPosition;

/**
 * Reads, offset lookups and high-watermark moves of one {@link PartitionLog}. Lock-free: every method bounds itself
 * with the log's volatile log-end metadata and its atomic high watermark.
 */
final class LogReads {

    private final PartitionLog log;

    LogReads(PartitionLog log) {
        this.log = log;
    }

    /** See {@link PartitionLog#read}. */
    ReadResult read(long fetchOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        LogOffsetMetadata end = log.endMetadata();
        LogOffsetMetadata hw = log.highWatermarkRef().get();
        long start = log.logStartOffset();
        if (fetchOffset < start || fetchOffset > end.offset())
            throw new OffsetOutOfRangeException("Fetch offset " + fetchOffset + " is out of range for "
                    + log.topicPartition() + " [" + start + ", " + end.offset() + "]");
        LogOffsetMetadata limit = upperBound(maxOffsetExclusive, end, hw);
        if (fetchOffset >= limit.offset()) return ReadResult.empty(hw.offset(), start, end.offset());
        ConcurrentSkipListMap<Long, LogSegment> segments = log.segments();
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(fetchOffset);
        if (entry == null) entry = segments.firstEntry();
        while (entry != null && entry.getKey() <= limit.segmentBaseOffset()) {
            LogSegment segment = entry.getValue();
            int maxPosition = segment.baseOffset() == limit.segmentBaseOffset() ? limit.position() : segment.size();
            SegmentSlice slice = segment.read(fetchOffset, maxBytes, maxPosition, minOneBatch);
            if (slice != null) {
                if (slice.size() == 0) break;
                return new ReadResult(slice.records(), slice.records().channel(), slice.position(), slice.size(),
                        hw.offset(), start, end.offset());
            }
            entry = segments.higherEntry(entry.getKey()); // compaction can leave gaps between segments
        }
        return ReadResult.empty(hw.offset(), start, end.offset());
    }

    private LogOffsetMetadata upperBound(long maxOffsetExclusive, LogOffsetMetadata end, LogOffsetMetadata hw) {
        if (maxOffsetExclusive >= end.offset()) return end;
        if (maxOffsetExclusive == hw.offset()) return hw;
        return metadataFor(maxOffsetExclusive);
    }

    /** Physical location of the batch boundary at or before offset (index lookup plus scan). */
    private LogOffsetMetadata metadataFor(long offset) {
        ConcurrentSkipListMap<Long, LogSegment> segments = log.segments();
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(offset);
        if (entry == null) entry = segments.firstEntry();
        LogSegment segment = entry.getValue();
        LogOffsetPosition position = segment.translateOffset(offset);
        int bytePosition = position == null ? segment.size() : position.position;
        return new LogOffsetMetadata(offset, segment.baseOffset(), bytePosition);
    }

    /** See {@link PartitionLog#updateHighWatermark}: only moves forward. */
    void updateHighWatermark(long hw) {
        LogOffsetMetadata end = log.endMetadata();
        AtomicReference<LogOffsetMetadata> highWatermark = log.highWatermarkRef();
        long clamped = Math.max(log.logStartOffset(), Math.min(hw, end.offset()));
        if (clamped <= highWatermark.get().offset()) return;
        LogOffsetMetadata target = clamped == end.offset() ? end : metadataFor(clamped);
        highWatermark.accumulateAndGet(target, (cur, upd) -> upd.offset() > cur.offset() ? upd : cur);
    }

    /** See {@link PartitionLog#setHighWatermark}: may move backward. */
    void setHighWatermark(long hw) {
        LogOffsetMetadata end = log.endMetadata();
        AtomicReference<LogOffsetMetadata> highWatermark = log.highWatermarkRef();
        long clamped = Math.max(log.logStartOffset(), Math.min(hw, end.offset()));
        if (clamped == highWatermark.get().offset()) return;
        highWatermark.set(clamped == end.offset() ? end : metadataFor(clamped));
    }

    Optional<TimestampOffset> offsetForTimestamp(long timestamp) {
        return TimestampLookup.firstAtOrAfter(log.segments().values(), timestamp, log.logStartOffset(),
                log.logEndOffset());
    }

    Optional<TimestampOffset> offsetOfMaxTimestamp() {
        return TimestampLookup.maxTimestamp(log.segments().values(), log.logStartOffset());
    }
}
