package io.tributary.storage.cleaner;

import io.tributary.storage.segment.LogSegment;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.Record;

/** Latest offset of every key in the dirty part of the log. */
final class KeyOffsetMap {

    private final Map<ByteBuffer, Long> latest = new HashMap<>();

    static KeyOffsetMap build(List<LogSegment> segments, long fromOffset, long toOffset) {
        KeyOffsetMap map = new KeyOffsetMap();
        for (LogSegment segment : segments) {
            for (FileChannelRecordBatch batch : segment.log().batches()) {
                if (batch.lastOffset() < fromOffset || batch.isControlBatch()) continue;
                if (batch.baseOffset() >= toOffset) break;
                for (Record record : batch) {
                    if (record.hasKey() && record.offset() >= fromOffset && record.offset() < toOffset)
                        map.latest.put(copy(record.key()), record.offset());
                }
            }
        }
        return map;
    }

    private static ByteBuffer copy(ByteBuffer key) {
        ByteBuffer copy = ByteBuffer.allocate(key.remaining());
        copy.put(key.duplicate()).flip();
        return copy;
    }

    /** Whether a later record with the same key exists in the dirty part. */
    boolean isSuperseded(ByteBuffer key, long offset) {
        Long newest = latest.get(key);
        return newest != null && newest > offset;
    }

    int size() {
        return latest.size();
    }
}
