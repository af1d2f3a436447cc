package io.tributary.storage;

import java.util.function.Supplier;
import org.apache.kafka.common.utils.Time;

/** A clock the test moves by hand. */
final class ManualTime implements Time {

    private volatile long nowMs;

    ManualTime(long startMs) {
        this.nowMs = startMs;
    }

    void advance(long ms) {
        nowMs += ms;
    }

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
        advance(ms);
    }

    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) {
        throw new UnsupportedOperationException();
    }
}
