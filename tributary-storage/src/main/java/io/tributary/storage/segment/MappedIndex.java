package io.tributary.storage.segment;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * A memory-mapped file of fixed-size sorted entries. Writers (the log's append lock) append at the end and publish
 * the entry count through a volatile field; readers binary-search without locking, only ever touching entries
 * below the count they read, so a concurrent append or trim never exposes a torn entry.
 */
abstract class MappedIndex {

    protected final long baseOffset;
    private final int entrySize;
    private volatile File file;
    private volatile MappedByteBuffer mmap;
    private volatile int entries;
    private volatile int maxEntries;

    MappedIndex(File file, long baseOffset, int maxIndexSize, int entrySize) throws IOException {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        try (RandomAccessFile raf = new RandomAccessFile(file, "rw")) {
            long existing = raf.length();
            int validEntries = (int) (existing / entrySize);
            // Existing files keep their size: inactive segments must not grow; the loader resizes the active one.
            long capacity = existing > 0 ? (long) validEntries * entrySize : roundDown(maxIndexSize);
            raf.setLength(capacity);
            this.mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, capacity);
            this.entries = validEntries;
            this.maxEntries = (int) (capacity / entrySize);
        }
    }

    private int roundDown(int size) {
        return size / entrySize * entrySize;
    }

    protected final MappedByteBuffer buffer() {
        return mmap;
    }

    protected final int entrySize() {
        return entrySize;
    }

    public final int entries() {
        return entries;
    }

    public boolean isFull() {
        return entries >= maxEntries;
    }

    protected final boolean hasRoom() {
        return entries < maxEntries;
    }

    public final File file() {
        return file;
    }

    public final long sizeInBytes() {
        return (long) entries * entrySize;
    }

    /** Called by subclasses after writing entry number {@code entries()}; publishes it to readers. */
    protected final void entryWritten() {
        entries = entries + 1;
    }

    /** Largest entry index whose key is <= target (or < target when strict); -1 if none. */
    protected final int floorSlot(long target, boolean strict) {
        int n = entries;
        MappedByteBuffer buf = mmap;
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long key = keyAt(buf, mid);
            if (key < target || (!strict && key == target)) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    protected abstract long keyAt(MappedByteBuffer buf, int slot);

    /** Drops every entry from {@code slot} on (recovery and truncation only). */
    protected final void truncateToSlot(int slot) {
        entries = Math.max(0, Math.min(slot, entries));
    }

    public final void reset() {
        truncateToSlot(0);
    }

    /** Changes the mapped size: trimmed to the valid entries on roll/close, grown back when reopened as active. */
    public final synchronized void resize(int newSize) throws IOException {
        long capacity = Math.max(roundDown(newSize), sizeInBytes());
        try (RandomAccessFile raf = new RandomAccessFile(file, "rw")) {
            raf.setLength(capacity);
            mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, capacity);
            maxEntries = (int) (capacity / entrySize);
        }
    }

    public final void trimToValidSize() throws IOException {
        resize((int) sizeInBytes());
    }

    public final void flush() {
        mmap.force();
    }

    public final void renameTo(File target) throws IOException {
        if (file.exists()) Files.move(file.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE);
        file = target;
    }

    public final boolean deleteIfExists() throws IOException {
        return Files.deleteIfExists(file.toPath());
    }

    /** Kafka's sanity check for an index loaded after a clean shutdown. */
    public boolean looksValid(long fileLength) {
        return fileLength % entrySize == 0;
    }
}
