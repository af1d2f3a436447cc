package io.tributary.server.metrics;

import java.util.function.LongSupplier;

/**
 * The share of time the network event loops were not running request handlers, over the last window (at least
 * 5 s, taken when read), between 0 and 1. In Tributary the handlers run on the event loops, so Kafka's two idle
 * ratios (network processors and request handler pool) are the same number.
 */
final class IdleRatio {

    private static final long MIN_WINDOW_NS = 5_000_000_000L;

    private final LongSupplier busyNanos;
    private volatile int threads = 1;
    private long windowStartNs = System.nanoTime();
    private long windowStartBusy;
    private double last = 1.0;

    IdleRatio(LongSupplier busyNanos) {
        this.busyNanos = busyNanos;
    }

    void threads(int count) {
        threads = Math.max(1, count);
    }

    synchronized double value() {
        long now = System.nanoTime();
        long elapsed = now - windowStartNs;
        if (elapsed >= MIN_WINDOW_NS) {
            long busy = busyNanos.getAsLong();
            double busyShare = (double) (busy - windowStartBusy) / ((double) elapsed * threads);
            last = Math.max(0.0, Math.min(1.0, 1.0 - busyShare));
            windowStartNs = now;
            windowStartBusy = busy;
        }
        return last;
    }
}
