package io.tributary.coordinator.runtime;

import java.util.function.Supplier;
import org.apache.kafka.common.utils.Time;

/** A clock that moves only when the test says so. */
public final class ManualTime implements Time {

    private long nowMs = 1_700_000_000_000L;

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
        nowMs += ms;
    }

    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) {
        throw new UnsupportedOperationException("not used by the coordinator");
    }

    void setMilliseconds(long ms) {
        nowMs = ms;
    }
}
