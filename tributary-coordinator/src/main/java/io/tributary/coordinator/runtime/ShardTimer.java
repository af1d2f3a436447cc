package io.tributary.coordinator.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The timers of one shard, backed by the event executor. Used only on the event thread. */
final class ShardTimer<R> implements CoordinatorTimer<R> {

    private final EventExecutor executor;
    private final Consumer<Supplier<CoordinatorResult<Void, R>>> taskRunner;
    private final Map<String, EventExecutor.Cancellable> pending = new HashMap<>();

    ShardTimer(EventExecutor executor, Consumer<Supplier<CoordinatorResult<Void, R>>> taskRunner) {
        this.executor = executor;
        this.taskRunner = taskRunner;
    }

    @Override
    public void schedule(String key, long delayMs, Supplier<CoordinatorResult<Void, R>> task) {
        cancel(key);
        EventExecutor.Cancellable[] self = new EventExecutor.Cancellable[1];
        self[0] = executor.schedule(delayMs, () -> {
            // A replaced or cancelled timer may still fire once: only the current one runs.
            if (pending.get(key) == self[0]) {
                pending.remove(key);
                taskRunner.accept(task);
            }
        });
        pending.put(key, self[0]);
    }

    @Override
    public void cancel(String key) {
        EventExecutor.Cancellable previous = pending.remove(key);
        if (previous != null) {
            previous.cancel();
        }
    }

    @Override
    public boolean isScheduled(String key) {
        return pending.containsKey(key);
    }

    void cancelAll() {
        pending.values().forEach(EventExecutor.Cancellable::cancel);
        pending.clear();
    }
}
