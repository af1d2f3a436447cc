package io.tributary.broker.simulation;

import java.util.function.Supplier;

import org.apache.kafka.common.utils.Time;

/** Kafka's {@link Time} over the simulation's clock: only the event loop moves it; nothing sleeps. */
final class SimClock implements Time {

    private long nowMs;

    @Override
    public long milliseconds() {
        return nowMs;
    }

    @Override
    public long nanoseconds() {
        return nowMs * 1_000_000L;
    }

    @Override
    public void sleep(long ms) {
        throw new UnsupportedOperationException("Nothing sleeps in the simulation");
    }

    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) {
        throw new UnsupportedOperationException("Nothing waits in the simulation");
    }

    void advanceTo(long timeMs) {
        if (timeMs < nowMs) {
            throw new IllegalStateException("Time goes forward only: " + timeMs + " < " + nowMs);
        }
        nowMs = timeMs;
    }
}
