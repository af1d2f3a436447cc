package io.tributary.coordinator.runtime;

/**
 * What every partitioned coordinator service shares: the key-to-partition rule and the partition lifecycle, both
 * delegated to its {@link CoordinatorRuntime}. Subclasses add their APIs, each routed to the owning shard.
 */
public abstract class ShardedCoordinatorService<S extends CoordinatorShard<R>, R> implements PartitionedCoordinator {

    private final int partitionCount;

    protected ShardedCoordinatorService(int partitionCount) {
        this.partitionCount = partitionCount;
    }

    /** The runtime that owns the shards (built by the subclass, which knows how to make them). */
    protected abstract CoordinatorRuntime<S, R> runtime();

    @Override
    public int partitionFor(String key) {
        return PartitionedCoordinator.partitionFor(key, partitionCount);
    }

    @Override
    public boolean isActive(int partition) {
        return runtime().state(partition) != ShardState.NOT_LED;
    }

    @Override
    public void onElection(int partition, CoordinatorLog log) {
        runtime().onElection(partition, log);
    }

    @Override
    public void onResignation(int partition) {
        runtime().onResignation(partition);
    }

    @Override
    public void close() {
        runtime().close();
    }
}
