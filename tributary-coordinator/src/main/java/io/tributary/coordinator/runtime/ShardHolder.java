package io.tributary.coordinator.runtime;

/** One coordinator partition led here: its log, state machine, timers and lifecycle state. */
final class ShardHolder<S extends CoordinatorShard<R>, R> {

    final int partition;
    final CoordinatorLog log;
    S shard;
    ShardTimer<R> timer;
    // Read by other threads (isActive for FindCoordinator), written on the event thread.
    volatile ShardState state = ShardState.LOADING;
    /** Appends the log accepted whose commit is not settled yet (event thread only). */
    int inFlight;
    /** The commit of the newest append the log accepted (event thread only); reads of the state wait for it. */
    java.util.concurrent.CompletableFuture<Void> newestAppend;
    /** An accepted write failed: the state is rebuilt from the log once {@link #inFlight} is 0 (event thread). */
    boolean revertPending;

    ShardHolder(int partition, CoordinatorLog log) {
        this.partition = partition;
        this.log = log;
    }

    boolean isActive() {
        return state == ShardState.ACTIVE;
    }
}
