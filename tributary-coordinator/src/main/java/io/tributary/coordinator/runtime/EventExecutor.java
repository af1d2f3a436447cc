package io.tributary.coordinator.runtime;

/**
 * The coordinator event thread: every operation, replay and timer of every shard runs through it, one at a
 * time, so shard state needs no locks.
 */
public interface EventExecutor extends AutoCloseable {

    /** Runs {@code event} on the event thread, after the events already queued. */
    void execute(Runnable event);

    /** Runs {@code event} on the event thread once {@code delayMs} have passed. */
    Cancellable schedule(long delayMs, Runnable event);

    /** Stops the thread; queued events are dropped. */
    @Override
    void close();

    /** A scheduled event that can still be called off. */
    interface Cancellable {
        void cancel();
    }
}
