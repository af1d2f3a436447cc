package io.tributary.coordinator.runtime;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import org.apache.kafka.common.utils.MockTime;

/**
 * A deterministic event thread for tests: events run on the calling thread as soon as nothing else runs, and
 * scheduled events run when {@link #advance} moves the manual clock past their deadline.
 */
public final class ManualEventExecutor implements EventExecutor {

    private record Scheduled(long deadlineMs, long sequence, Runnable event, boolean[] cancelled) {
    }

    private final MockTime time;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private final PriorityQueue<Scheduled> scheduled = new PriorityQueue<>(
            Comparator.comparingLong(Scheduled::deadlineMs).thenComparingLong(Scheduled::sequence));
    private long sequence;
    private boolean running;

    public ManualEventExecutor(MockTime time) {
        this.time = time;
    }

    @Override
    public void execute(Runnable event) {
        queue.add(event);
        if (running) {
            return;
        }
        running = true;
        try {
            Runnable next;
            while ((next = queue.poll()) != null) {
                next.run();
            }
        } finally {
            running = false;
        }
    }

    @Override
    public Cancellable schedule(long delayMs, Runnable event) {
        boolean[] cancelled = new boolean[1];
        scheduled.add(new Scheduled(time.milliseconds() + delayMs, sequence++, event, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock forward, running every scheduled event that falls due on the way, in deadline order. */
    public void advance(long ms) {
        long target = time.milliseconds() + ms;
        Scheduled next;
        while ((next = scheduled.peek()) != null && next.deadlineMs() <= target) {
            scheduled.poll();
            if (!next.cancelled()[0]) {
                time.setCurrentTimeMs(Math.max(time.milliseconds(), next.deadlineMs()));
                execute(next.event());
            }
        }
        time.setCurrentTimeMs(target);
    }

    @Override
    public void close() {
        queue.clear();
        scheduled.clear();
    }
}
