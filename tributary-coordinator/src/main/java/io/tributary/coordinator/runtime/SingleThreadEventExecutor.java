package io.tributary.coordinator.runtime;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production event thread: one daemon thread serving both events and timers. */
public final class SingleThreadEventExecutor implements EventExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(SingleThreadEventExecutor.class);

    private final ScheduledThreadPoolExecutor executor;

    public SingleThreadEventExecutor(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        // Heartbeat timers are rescheduled constantly: cancelled ones must not pile up in the queue.
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable event) {
        executor.execute(guarded(event));
    }

    @Override
    public Cancellable schedule(long delayMs, Runnable event) {
        ScheduledFuture<?> future = executor.schedule(guarded(event), Math.max(0, delayMs), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    // An exception must not kill the only event thread.
    private static Runnable guarded(Runnable event) {
        return () -> {
            try {
                event.run();
            } catch (RuntimeException e) {
                LOG.error("Coordinator event failed", e);
            }
        };
    }
}
