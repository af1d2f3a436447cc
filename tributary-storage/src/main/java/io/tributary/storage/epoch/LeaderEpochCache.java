package io.tributary.storage.epoch;

import io.tributary.storage.api.EpochEndOffset;
import io.tributary.storage.checkpoint.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Leader epoch → start offset history of one partition, checkpointed to {@code leader-epoch-checkpoint} in Kafka's
 * text format. Changes (under the log lock) are rare; readers synchronize briefly. The latest epoch is also kept
 * in a volatile field so the append path can check it without locking.
 */
public final class LeaderEpochCache {

    public static final String FILE_NAME = "leader-epoch-checkpoint";

    /** One epoch and the first offset written in it. */
    public record EpochEntry(int epoch, long startOffset) {
    }

    private final Path file;
    private final List<EpochEntry> entries = new ArrayList<>();
    private volatile int latestEpoch = -1;
    /** The checkpoint's content as last read or written; null when unknown (no file, or one that did not parse). */
    private String checkpointed;
    /** Between {@link #deferFlushes()} and {@link #flushDeferred()}: changes are not written yet. */
    private boolean deferred;
    private boolean changedWhileDeferred;

    public LeaderEpochCache(Path partitionDir) {
        this.file = partitionDir.resolve(FILE_NAME);
        load();
    }

    private synchronized void load() {
        entries.clear();
        checkpointed = null;
        try {
            if (Files.exists(file)) {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                String[] lines = content.split("\n");
                int count = Integer.parseInt(lines[1].trim());
                for (int i = 0; i < count; i++) {
                    String[] parts = lines[2 + i].trim().split(" ");
                    entries.add(new EpochEntry(Integer.parseInt(parts[0]), Long.parseLong(parts[1])));
                }
                checkpointed = content;
            }
        } catch (IOException | RuntimeException e) {
            entries.clear(); // rebuilt from the log by recovery when needed
        }
        latestEpoch = entries.isEmpty() ? -1 : entries.get(entries.size() - 1).epoch();
    }

    /**
     * Holds back checkpoint writes until {@link #flushDeferred()}. Log loading uses it: recovery first drops the
     * epochs from the recovery point on and assigns them again from the batches it rescans, which would otherwise
     * write (and fsync twice) the file once per change, though the history usually ends up as it was. A crash
     * before {@link #flushDeferred()} leaves the old file, which goes with the old recovery point: the next start
     * rescans the same batches and derives the same epochs again.
     */
    public synchronized void deferFlushes() {
        deferred = true;
    }

    /** Ends {@link #deferFlushes()}: writes the checkpoint once if the history changed meanwhile. */
    public synchronized void flushDeferred() {
        deferred = false;
        if (changedWhileDeferred) {
            changedWhileDeferred = false;
            flush();
        }
    }

    public int latestEpoch() {
        return latestEpoch;
    }

    /** Records that {@code epoch} starts at {@code startOffset}; ignored unless it is a newer epoch. */
    public void assign(int epoch, long startOffset) {
        if (epoch < 0 || epoch <= latestEpoch) return;
        synchronized (this) {
            entries.removeIf(e -> e.startOffset() >= startOffset);
            entries.add(new EpochEntry(epoch, startOffset));
            latestEpoch = epoch;
            flush();
        }
    }

    /** Kafka's OffsetForLeaderEpoch: (largest epoch <= requested, start offset of the next epoch or the LEO). */
    public synchronized EpochEndOffset endOffsetFor(int requestedEpoch, long logEndOffset) {
        if (requestedEpoch < 0 || entries.isEmpty()) return EpochEndOffset.UNDEFINED;
        if (requestedEpoch == latestEpoch) return new EpochEndOffset(requestedEpoch, logEndOffset);
        EpochEntry floor = null;
        EpochEntry higher = null;
        for (EpochEntry e : entries) {
            if (e.epoch() <= requestedEpoch) floor = e;
            else if (higher == null) higher = e;
        }
        if (higher == null) return floor == null ? EpochEndOffset.UNDEFINED : new EpochEndOffset(floor.epoch(), logEndOffset);
        return new EpochEndOffset(floor == null ? requestedEpoch : floor.epoch(), higher.startOffset());
    }

    /** After recovery truncated the log: epochs starting at or after the new end are gone. */
    public synchronized void truncateFromEnd(long endOffset) {
        if (entries.removeIf(e -> e.startOffset() >= endOffset)) {
            latestEpoch = entries.isEmpty() ? -1 : entries.get(entries.size() - 1).epoch();
            flush();
        }
    }

    /** The log was emptied and restarted elsewhere: no epoch history is left. */
    public synchronized void clear() {
        entries.clear();
        latestEpoch = -1;
        flush();
    }

    /** After the log start moved: drop epochs wholly before it and clamp the first one to it. */
    public synchronized void truncateFromStart(long startOffset) {
        boolean changed = false;
        while (entries.size() > 1 && entries.get(1).startOffset() <= startOffset) {
            entries.remove(0);
            changed = true;
        }
        if (!entries.isEmpty() && entries.get(0).startOffset() < startOffset) {
            entries.set(0, new EpochEntry(entries.get(0).epoch(), startOffset));
            changed = true;
        }
        if (changed) flush();
    }

    public synchronized List<EpochEntry> entries() {
        return List.copyOf(entries);
    }

    /** Writes the checkpoint (crash-safe), unless deferred or the file already holds exactly this history. */
    private void flush() {
        if (deferred) {
            changedWhileDeferred = true;
            return;
        }
        StringBuilder sb = new StringBuilder().append("0\n").append(entries.size()).append('\n');
        for (EpochEntry e : entries) sb.append(e.epoch()).append(' ').append(e.startOffset()).append('\n');
        String content = sb.toString();
        if (content.equals(checkpointed)) return;
        try {
            AtomicFiles.write(file, content);
            checkpointed = content;
        } catch (IOException e) {
            checkpointed = null;
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
