package io.tributary.storage;

import io.tributary.storage.api.ReadResult;
import io.tributary.storage.api.TimestampOffset;
import io.tributary.storage.segment.LogOffsetMetadata;
import io.tributary.storage.segment.LogSegment;
import io.tributary.storage.segment.SegmentSlice;
import io.tributary.storage.segment.TimestampLookup;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.record.internal.FileRecords.LogOffsetPosition;

/**
 * Reads, offset lookups and high-watermark moves of one partition's log. Lock-free: every method bounds itself
 * with the log's volatile log-end metadata and its atomic high watermark.
 */
final class LogReads {

    private final LogState state;

    LogReads(LogState state) {
        this.state = state;
    }

    /** See {@link PartitionLog#read}. */
    ReadResult read(long fetchOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        LogOffsetMetadata end = state.endMetadata();
        LogOffsetMetadata hw = state.highWatermarkMetadata();
        long start = state.logStartOffset();
        if (fetchOffset < start || fetchOffset > end.offset())
            throw new OffsetOutOfRangeException("Fetch offset " + fetchOffset + " is out of range for "
                    + state.topicPartition() + " [" + start + ", " + end.offset() + "]");
        LogOffsetMetadata limit = upperBound(maxOffsetExclusive, end, hw);
        if (fetchOffset >= limit.offset()) return ReadResult.empty(hw.offset(), start, end.offset());
        ConcurrentSkipListMap<Long, LogSegment> segments = state.segments();
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
        ConcurrentSkipListMap<Long, LogSegment> segments = state.segments();
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(offset);
        if (entry == null) entry = segments.firstEntry();
        LogSegment segment = entry.getValue();
        LogOffsetPosition position = segment.translateOffset(offset);
        int bytePosition = position == null ? segment.size() : position.position;
        return new LogOffsetMetadata(offset, segment.baseOffset(), bytePosition);
    }

    /** See {@link PartitionLog#updateHighWatermark}: only moves forward. */
    void updateHighWatermark(long hw) {
        LogOffsetMetadata end = state.endMetadata();
        long clamped = Math.max(state.logStartOffset(), Math.min(hw, end.offset()));
        if (clamped <= state.highWatermark()) return;
        state.advanceHighWatermark(clamped == end.offset() ? end : metadataFor(clamped));
    }

    /** See {@link PartitionLog#setHighWatermark}: may move backward. */
    void setHighWatermark(long hw) {
        LogOffsetMetadata end = state.endMetadata();
        long clamped = Math.max(state.logStartOffset(), Math.min(hw, end.offset()));
        if (clamped == state.highWatermark()) return;
        state.highWatermark(clamped == end.offset() ? end : metadataFor(clamped));
    }

    Optional<TimestampOffset> offsetForTimestamp(long timestamp) {
        return TimestampLookup.firstAtOrAfter(state.segments().values(), timestamp, state.logStartOffset(),
                state.logEndOffset());
    }

    Optional<TimestampOffset> offsetOfMaxTimestamp() {
        return TimestampLookup.maxTimestamp(state.segments().values(), state.logStartOffset());
    }
}
