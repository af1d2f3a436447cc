package io.tributary.coordinator.runtime;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Records;

/**
 * A coordinator log in memory: appends are committed at once unless told to fail, or, after {@link #holdCommits},
 * held uncommitted until {@link #failHeld} drops them (as a new leader's truncation would).
 */
public final class InMemoryCoordinatorLog implements CoordinatorLog {

    private final List<MemoryRecords> batches = new ArrayList<>();
    private long endOffset;
    private RuntimeException nextAppendFailure;
    private boolean holdCommits;
    private long committedEnd;
    private final List<CompletableFuture<Void>> held = new ArrayList<>();

    /** The next append throws {@code failure} (e.g. NotLeaderOrFollowerException). */
    public void failNextAppend(RuntimeException failure) {
        this.nextAppendFailure = failure;
    }

    @Override
    public CompletableFuture<Void> append(MemoryRecords records) {
        if (nextAppendFailure != null) {
            RuntimeException failure = nextAppendFailure;
            nextAppendFailure = null;
            throw failure;
        }
        ByteBuffer copy = ByteBuffer.allocate(records.sizeInBytes());
        copy.put(records.buffer().duplicate()).flip();
        MemoryRecords stored = MemoryRecords.readableRecords(copy);
        for (MutableRecordBatch batch : stored.batches()) {
            long count = batch.lastOffset() - batch.baseOffset() + 1;
            batch.setLastOffset(endOffset + count - 1);
            endOffset += count;
        }
        batches.add(stored);
        if (holdCommits) {
            CompletableFuture<Void> commit = new CompletableFuture<>();
            held.add(commit);
            return commit;
        }
        committedEnd = endOffset;
        return CompletableFuture.completedFuture(null);
    }

    /** From now on appends are accepted but not committed. */
    public void holdCommits() {
        holdCommits = true;
    }

    /** Drops every held append from the log and fails it with {@code failure}; appends commit at once again. */
    public void failHeld(RuntimeException failure) {
        holdCommits = false;
        batches.removeIf(records -> records.batches().iterator().next().lastOffset() >= committedEnd);
        endOffset = committedEnd;
        List<CompletableFuture<Void>> failed = List.copyOf(held);
        held.clear();
        failed.forEach(commit -> commit.completeExceptionally(failure));
    }

    @Override
    public Records read(long offset, int maxBytes) {
        List<MemoryRecords> selected = new ArrayList<>();
        int size = 0;
        for (MemoryRecords records : batches) {
            long lastOffset = records.batches().iterator().next().lastOffset();
            if (lastOffset >= offset && lastOffset < committedEnd
                    && (size == 0 || size + records.sizeInBytes() <= maxBytes)) {
                selected.add(records);
                size += records.sizeInBytes();
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        selected.forEach(records -> buffer.put(records.buffer().duplicate()));
        return MemoryRecords.readableRecords(buffer.flip());
    }

    @Override
    public long startOffset() {
        return 0;
    }

    @Override
    public long committedEndOffset() {
        return committedEnd;
    }

    public int appendCount() {
        return batches.size();
    }
}
