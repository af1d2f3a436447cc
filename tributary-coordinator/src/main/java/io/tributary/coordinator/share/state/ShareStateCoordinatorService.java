package io.tributary.coordinator.share.state;

import io.tributary.coordinator.runtime.CoordinatorRuntime;
import io.tributary.coordinator.runtime.EventExecutor;
import io.tributary.coordinator.runtime.ShardedCoordinatorService;
import io.tributary.coordinator.runtime.SingleThreadEventExecutor;
import io.tributary.coordinator.share.SharePartitionKey;
import io.tributary.coordinator.share.ShareStatePersister;
import io.tributary.coordinator.share.SharePartitionState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;

/**
 * The share coordinator: share-partition states over the partitions of {@code __share_group_state}, each keyed
 * as Kafka keys it ({@code group:topicId:partition}), written through the coordinator runtime and answered once
 * committed. This broker serves the keys of the partitions it leads.
 */
public final class ShareStateCoordinatorService
        extends ShardedCoordinatorService<ShareStateShard, ShareStateRecord> implements ShareStatePersister {

    private final CoordinatorRuntime<ShareStateShard, ShareStateRecord> runtime;

    public ShareStateCoordinatorService(int partitions, Time time) {
        this(partitions, time, new SingleThreadEventExecutor("share-coordinator-event-thread"));
    }

    public ShareStateCoordinatorService(int partitions, Time time, EventExecutor executor) {
        super(partitions);
        this.runtime = new CoordinatorRuntime<>(executor, new ShareStateRecordSerde(),
                (partition, timer) -> new ShareStateShard(), time);
    }

    @Override
    protected CoordinatorRuntime<ShareStateShard, ShareStateRecord> runtime() {
        return runtime;
    }

    /** The partition of {@code __share_group_state} owning a share-partition. */
    public int partitionFor(SharePartitionKey key) {
        return partitionFor(key.coordinatorKey());
    }

    @Override
    public CompletableFuture<ReadResult> read(SharePartitionKey key) {
        return runtime.scheduleRead(partitionFor(key), shard -> new ReadResult(Errors.NONE, shard.read(key)),
                error -> new ReadResult(error, Optional.empty()));
    }

    @Override
    public CompletableFuture<Errors> write(SharePartitionKey key, SharePartitionState state) {
        return runtime.scheduleWrite(partitionFor(key), (shard, future) -> shard.write(key, state), e -> e);
    }

    @Override
    public CompletableFuture<Errors> resetStartOffset(SharePartitionKey key, long startOffset) {
        return runtime.scheduleWrite(partitionFor(key), (shard, future) -> shard.resetStartOffset(key, startOffset),
                e -> e);
    }

    @Override
    public CompletableFuture<Errors> delete(SharePartitionKey key) {
        return runtime.scheduleWrite(partitionFor(key), (shard, future) -> shard.delete(key), e -> e);
    }
}
