package io.tributary.storage.segment;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;

/** Sparse offset index: 8-byte entries of (offset relative to the segment base, file position). */
public final class OffsetIndex extends MappedIndex {

    private static final int ENTRY_SIZE = 8;

    public OffsetIndex(File file, long baseOffset, int maxIndexSize) throws IOException {
        super(file, baseOffset, maxIndexSize, ENTRY_SIZE);
    }

    @Override
    protected long keyAt(MappedByteBuffer buf, int slot) {
        return buf.getInt(slot * ENTRY_SIZE);
    }

    private int positionAt(int slot) {
        return buffer().getInt(slot * ENTRY_SIZE + 4);
    }

    /** File position of the last indexed batch whose last offset is <= targetOffset, or 0. */
    public int lookupPosition(long targetOffset) {
        int slot = floorSlot(targetOffset - baseOffset, false);
        return slot < 0 ? 0 : positionAt(slot);
    }

    public long lastOffset() {
        int n = entries();
        return n == 0 ? baseOffset : baseOffset + keyAt(buffer(), n - 1);
    }

    public int lastPosition() {
        int n = entries();
        return n == 0 ? 0 : positionAt(n - 1);
    }

    public void append(long offset, int position) {
        int n = entries();
        if (n > 0 && offset <= lastOffset())
            throw new IllegalStateException("Offset index entries must increase: " + offset + " after " + lastOffset());
        MappedByteBuffer buf = buffer();
        buf.putInt(n * ENTRY_SIZE, (int) (offset - baseOffset));
        buf.putInt(n * ENTRY_SIZE + 4, position);
        entryWritten();
    }

    /** Removes entries for offsets >= offset. */
    public void truncateTo(long offset) {
        truncateToSlot(floorSlot(offset - baseOffset, true) + 1);
    }

    @Override
    public boolean looksValid(long fileLength) {
        return super.looksValid(fileLength) && (entries() == 0 || lastOffset() > baseOffset || entries() == 1);
    }
}
