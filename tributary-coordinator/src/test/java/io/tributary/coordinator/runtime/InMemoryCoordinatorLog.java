package io.tributary.coordinator.runtime;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Records;

/** A coordinator log in memory: appends are committed at once unless told to fail. */
public final class InMemoryCoordinatorLog implements CoordinatorLog {

    private final List<MemoryRecords> batches = new ArrayList<>();
    private long endOffset;
    private RuntimeException nextAppendFailure;

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
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Records read(long offset, int maxBytes) {
        List<MemoryRecords> selected = new ArrayList<>();
        int size = 0;
        for (MemoryRecords records : batches) {
            long lastOffset = records.batches().iterator().next().lastOffset();
            if (lastOffset >= offset && (size == 0 || size + records.sizeInBytes() <= maxBytes)) {
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
        return endOffset;
    }

    public int appendCount() {
        return batches.size();
    }
}
