package io.tributary.broker.quota;

import java.util.function.Supplier;
import org.apache.kafka.common.utils.Time;

/** A clock the test moves by hand. */
final class FakeTime implements Time {

    private long nowMs = 1_000_000;

    @Override
    public long milliseconds() {
        return nowMs;
    }

    @Override
    public long nanoseconds() {
        return nowMs * 1_000_000;
    }

    @Override
    public void sleep(long ms) {
        nowMs += ms;
    }

    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) {
        throw new UnsupportedOperationException();
    }
}
