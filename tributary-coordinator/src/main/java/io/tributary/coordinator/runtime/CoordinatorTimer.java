package io.tributary.coordinator.runtime;

import java.util.function.Supplier;

/**
 * Keyed timers of one shard, run on the event thread. A task returns a result whose records are appended like
 * those of any write operation. Scheduling a key again replaces its pending task.
 */
public interface CoordinatorTimer<R> {

    void schedule(String key, long delayMs, Supplier<CoordinatorResult<Void, R>> task);

    void cancel(String key);

    boolean isScheduled(String key);
}
