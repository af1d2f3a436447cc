package io.tributary.broker.group;

import io.tributary.broker.partition.Partition;
import io.tributary.coordinator.runtime.CoordinatorLog;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Records;

/** A coordinator's view of the partition it keeps its state in: append as leader, read what is committed. */
public final class PartitionCoordinatorLog implements CoordinatorLog {

    private static final short ACKS_ALL = -1;

    private final Partition partition;

    public PartitionCoordinatorLog(Partition partition) {
        this.partition = partition;
    }

    @Override
    public CompletableFuture<Void> append(MemoryRecords records) {
        return partition.appendAsLeader(records, ACKS_ALL).thenApply(result -> null);
    }

    @Override
    public Records read(long offset, int maxBytes) {
        return partition.read(offset, maxBytes, partition.highWatermark(), true).records();
    }

    @Override
    public long startOffset() {
        return partition.logStartOffset();
    }

    @Override
    public long committedEndOffset() {
        return partition.highWatermark();
    }
}
