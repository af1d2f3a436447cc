package io.tributary.console.cluster;

import io.tributary.console.broker.NodeRates;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * This node's traffic over the last minutes for the overview's charts: every {@link #INTERVAL_MS} the cumulative
 * counters are read and the rate since the previous reading is kept, {@link #CAPACITY} of them (15 minutes).
 * Rates are computed from the counts rather than taken from the meters' moving averages so that each point is
 * exactly its own interval.
 */
public final class ThroughputSampler {

    public static final long INTERVAL_MS = 5_000;
    static final int CAPACITY = 180;

    /** One interval's rates, stamped with the time it ended (epoch ms). */
    public record Sample(long t, double bytesInPerSec, double bytesOutPerSec, double messagesInPerSec) {
    }

    private record Counts(long timeMs, long bytesIn, long bytesOut, long messagesIn) {
    }

    private final NodeRates rates;
    private final LongSupplier clockMs;
    private final Deque<Sample> samples = new ArrayDeque<>(CAPACITY);
    private Counts previous;

    public ThroughputSampler(NodeRates rates, LongSupplier clockMs) {
        this.rates = rates;
        this.clockMs = clockMs;
    }

    /** Reads the counters; from the second call on, adds the rates since the previous call. */
    public synchronized void sample() {
        Counts now = new Counts(clockMs.getAsLong(), rates.bytesIn(), rates.bytesOut(), rates.messagesIn());
        Counts before = previous;
        previous = now;
        if (before == null || now.timeMs <= before.timeMs) {
            return;
        }
        double seconds = (now.timeMs - before.timeMs) / 1000.0;
        if (samples.size() == CAPACITY) {
            samples.removeFirst();
        }
        samples.addLast(new Sample(now.timeMs, perSecond(now.bytesIn - before.bytesIn, seconds),
                perSecond(now.bytesOut - before.bytesOut, seconds),
                perSecond(now.messagesIn - before.messagesIn, seconds)));
    }

    /** The kept samples, oldest first. */
    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** A counter that went backwards (never expected) reads as no traffic rather than a negative rate. */
    private static double perSecond(long delta, double seconds) {
        return delta <= 0 ? 0 : delta / seconds;
    }
}
