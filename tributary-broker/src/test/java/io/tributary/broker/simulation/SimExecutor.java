package io.tributary.broker.simulation;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A node's "thread" in the simulation: delayed and periodic tasks become events of the {@link EventLoop}.
 * Immediate tasks run either at once, on the caller's stack ({@code inline}: the controller's threads, whose
 * callers block on the result), or as the next event at the current time (a broker's lifecycle thread). A crashed
 * node's executor is killed: its pending tasks never run, as a dead process's would not.
 */
final class SimExecutor extends AbstractExecutorService implements ScheduledExecutorService {

    private final EventLoop loop;
    private final boolean inline;
    private boolean killed;

    SimExecutor(EventLoop loop, boolean inline) {
        this.loop = loop;
        this.inline = inline;
    }

    /** The process died: nothing scheduled here runs any more. */
    void kill() {
        killed = true;
    }

    @Override
    public void execute(Runnable command) {
        if (killed) {
            throw new RejectedExecutionException("The node crashed");
        }
        if (inline) {
            command.run();
        } else {
            loop.schedule(0, () -> runIfAlive(command));
        }
    }

    private void runIfAlive(Runnable command) {
        if (!killed) {
            command.run();
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task<Object> task = new Task<>(loop.now() + unit.toMillis(delay));
        loop.schedule(unit.toMillis(delay), () -> {
            if (!killed && !task.isDone()) {
                try {
                    command.run();
                    task.complete(null);
                } catch (Throwable e) {
                    task.completeExceptionally(e);
                }
            }
        });
        return task;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Task<V> task = new Task<>(loop.now() + unit.toMillis(delay));
        loop.schedule(unit.toMillis(delay), () -> {
            if (!killed && !task.isDone()) {
                try {
                    task.complete(callable.call());
                } catch (Throwable e) {
                    task.completeExceptionally(e);
                }
            }
        });
        return task;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return scheduleWithFixedDelay(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                     TimeUnit unit) {
        Task<Object> task = new Task<>(loop.now() + unit.toMillis(initialDelay));
        repeat(task, command, unit.toMillis(initialDelay), unit.toMillis(delay));
        return task;
    }

    private void repeat(Task<Object> task, Runnable command, long delayMs, long periodMs) {
        loop.schedule(delayMs, () -> {
            if (killed || task.isDone()) {
                return;
            }
            try {
                command.run();
            } catch (Throwable e) {
                task.completeExceptionally(e);
                return;
            }
            repeat(task, command, periodMs, periodMs);
        });
    }

    @Override
    public void shutdown() {
        killed = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        killed = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return killed;
    }

    @Override
    public boolean isTerminated() {
        return killed;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    /** A scheduled task's handle; cancelling it keeps it from running. */
    private final class Task<V> extends CompletableFuture<V> implements ScheduledFuture<V> {

        private final long dueMs;

        Task(long dueMs) {
            this.dueMs = dueMs;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueMs - loop.now(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            if (!isDone()) {
                throw new IllegalStateException("Blocking on a task not run yet would stop the simulation");
            }
            return super.get();
        }
    }
}
