package io.tributary.broker.simulation;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * The simulation's only "thread": events ordered by simulated time, then by the order they were scheduled, so a
 * run is a function of its seed. Running an event moves the clock to its time.
 */
final class EventLoop {

    private record Event(long timeMs, long seq, Runnable task) {
    }

    private final SimClock clock = new SimClock();
    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.timeMs != b.timeMs
        ? Long.compare(a.timeMs, b.timeMs) : Long.compare(a.seq, b.seq));
    private long seq;
    private long executed;

    SimClock clock() {
        return clock;
    }

    long now() {
        return clock.milliseconds();
    }

    long executed() {
        return executed;
    }

    void schedule(long delayMs, Runnable task) {
        queue.add(new Event(clock.milliseconds() + Math.max(0, delayMs), seq++, task));
    }

    /** Runs events up to and including {@code timeMs}, then sets the clock there. */
    void runUntil(long timeMs) {
        while (!queue.isEmpty() && queue.peek().timeMs <= timeMs) {
            runNext();
        }
        clock.advanceTo(Math.max(timeMs, clock.milliseconds()));
    }

    /** Runs events until {@code done} holds (checked after each event) or {@code deadlineMs}; true if it held. */
    boolean runUntil(BooleanSupplier done, long deadlineMs) {
        while (!done.getAsBoolean()) {
            if (queue.isEmpty() || queue.peek().timeMs > deadlineMs) {
                clock.advanceTo(Math.max(deadlineMs, clock.milliseconds()));
                return done.getAsBoolean();
            }
            runNext();
        }
        return true;
    }

    private void runNext() {
        Event event = queue.poll();
        clock.advanceTo(event.timeMs);
        executed++;
        event.task.run();
    }
}
