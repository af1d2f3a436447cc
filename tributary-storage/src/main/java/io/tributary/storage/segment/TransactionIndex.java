package io.tributary.storage.segment;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.message.FetchResponseData.AbortedTransaction;
import org.apache.kafka.common.utils.Utils;

/**
 * A segment's {@code .txnindex}: the transactions aborted by markers in that segment, in Kafka's layout of 34-byte
 * entries (version, producer id, first offset, last offset, last stable offset). Aborts are rare, so entries are
 * also kept in memory (copy-on-write, read lock-free) and the file is only created with the first entry.
 */
public final class TransactionIndex {

    static final int ENTRY_SIZE = 2 + 8 + 8 + 8 + 8;
    private static final short VERSION = 0;

    private volatile File file;
    private final List<AbortedTxn> entries = new CopyOnWriteArrayList<>();
    private FileChannel channel;

    public TransactionIndex(File file) throws IOException {
        this.file = file;
        if (file.exists()) load();
    }

    private void load() throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file.toPath()));
        while (buf.remaining() >= ENTRY_SIZE) {
            buf.getShort(); // version: only 0 exists
            entries.add(new AbortedTxn(buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong()));
        }
        if (buf.hasRemaining()) rewrite(); // a torn trailing entry from a crash
    }

    public File file() { return file; }
    public List<AbortedTxn> entries() { return List.copyOf(entries); }
    public boolean isEmpty() { return entries.isEmpty(); }

    /**
     * Appends in marker order; an entry not after the last one is already indexed (recovery replays the log tail
     * over an index that may hold it), so it is skipped.
     */
    public void append(AbortedTxn txn) throws IOException {
        if (!entries.isEmpty() && txn.lastOffset() <= entries.get(entries.size() - 1).lastOffset()) return;
        ByteBuffer buf = encode(txn);
        FileChannel ch = channel();
        while (buf.hasRemaining()) ch.write(buf);
        entries.add(txn);
    }

    private static ByteBuffer encode(AbortedTxn txn) {
        ByteBuffer buf = ByteBuffer.allocate(ENTRY_SIZE);
        buf.putShort(VERSION).putLong(txn.producerId()).putLong(txn.firstOffset()).putLong(txn.lastOffset())
                .putLong(txn.lastStableOffset());
        return buf.flip();
    }

    private FileChannel channel() throws IOException {
        if (channel == null)
            channel = FileChannel.open(file.toPath(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        return channel;
    }

    /**
     * Adds the transactions overlapping [fetchOffset, upperBoundOffset) to out. Returns true when the search is
     * complete: an entry whose last stable offset reaches the bound proves later segments hold nothing relevant.
     */
    public boolean collect(long fetchOffset, long upperBoundOffset, List<AbortedTransaction> out) {
        for (AbortedTxn txn : entries) {
            if (txn.lastOffset() >= fetchOffset && txn.firstOffset() < upperBoundOffset)
                out.add(new AbortedTransaction().setProducerId(txn.producerId()).setFirstOffset(txn.firstOffset()));
            if (txn.lastStableOffset() >= upperBoundOffset) return true;
        }
        return false;
    }

    /** Drops the transactions whose marker is at or after offset (the log is cut there). */
    public void truncateTo(long offset) throws IOException {
        if (entries.removeIf(txn -> txn.lastOffset() >= offset)) rewrite();
    }

    private void rewrite() throws IOException {
        closeChannel();
        File tmp = new File(file.getParentFile(), file.getName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp.toPath(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (AbortedTxn txn : entries) {
                ByteBuffer buf = encode(txn);
                while (buf.hasRemaining()) ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp.toPath(), file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public void flush() throws IOException {
        if (channel != null) channel.force(true);
    }

    public void renameTo(File target) throws IOException {
        if (file.exists()) Utils.atomicMoveWithFallback(file.toPath(), target.toPath(), false);
        file = target;
    }

    public void close() throws IOException {
        flush();
        closeChannel();
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    public void deleteIfExists() throws IOException {
        closeChannel();
        Files.deleteIfExists(file.toPath());
    }
}
