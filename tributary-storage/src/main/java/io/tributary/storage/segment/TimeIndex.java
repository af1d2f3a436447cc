package io.tributary.storage.segment;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import org.apache.kafka.common.record.internal.RecordBatch;

/** Sparse time index: 12-byte entries of (max timestamp so far, relative offset of that batch). */
public final class TimeIndex extends MappedIndex {

    private static final int ENTRY_SIZE = 12;

    public TimeIndex(File file, long baseOffset, int maxIndexSize) throws IOException {
        super(file, baseOffset, maxIndexSize, ENTRY_SIZE);
    }

    @Override
    protected long keyAt(MappedByteBuffer buf, int slot) {
        return buf.getLong(slot * ENTRY_SIZE);
    }

    private long offsetAt(int slot) {
        return baseOffset + buffer().getInt(slot * ENTRY_SIZE + 8);
    }

    /**
     * Offset of the last entry with a timestamp strictly below the target (so every record up to it is older than
     * the target and a scan may start there), or the base offset.
     */
    public long lookupOffsetBefore(long timestamp) {
        int slot = floorSlot(timestamp, true);
        return slot < 0 ? baseOffset : offsetAt(slot);
    }

    public long lastTimestamp() {
        int n = entries();
        return n == 0 ? RecordBatch.NO_TIMESTAMP : keyAt(buffer(), n - 1);
    }

    public long lastEntryOffset() {
        int n = entries();
        return n == 0 ? baseOffset : offsetAt(n - 1);
    }

    /** The last slot stays free for the entry written when the segment rolls. */
    @Override
    public boolean isFull() {
        return !hasRoom() || entries() >= maxEntriesForAppends();
    }

    private int maxEntriesForAppends() {
        return buffer().capacity() / ENTRY_SIZE - 1;
    }

    /** Adds an entry only when the timestamp grows; {@code rolling} may use the reserved last slot. */
    public void maybeAppend(long timestamp, long offset, boolean rolling) {
        if (rolling ? !hasRoom() : isFull()) return;
        int n = entries();
        if (n > 0 && (timestamp <= lastTimestamp() || offset < lastEntryOffset())) return;
        MappedByteBuffer buf = buffer();
        buf.putLong(n * ENTRY_SIZE, timestamp);
        buf.putInt(n * ENTRY_SIZE + 8, (int) (offset - baseOffset));
        entryWritten();
    }

    /** Removes entries for offsets >= offset. */
    public void truncateTo(long offset) {
        int n = entries();
        int keep = n;
        while (keep > 0 && offsetAt(keep - 1) >= offset) keep--;
        truncateToSlot(keep);
    }
}
