package io.tributary.metrics;

/**
 * The max and the average of the values recorded recently, as a Kafka Metrics sensor with a {@code Max} and an
 * {@code Avg} stat measures them with the default metric config: two samples of 30 s each (and, as Kafka keeps, one
 * more slot for a sample overlapping the window). A value goes into the current sample, which is replaced by a fresh
 * one once it is 30 s old; a sample whose last value is two windows old no longer counts. With no value counted,
 * both read NaN, as Kafka's do.
 */
public final class WindowedMaxAvg {

    static final long WINDOW_MS = 30_000;
    static final int SAMPLES = 2;
    private static final int SLOTS = SAMPLES + 1;

    private final long[] startMs = new long[SLOTS];
    private final long[] lastEventMs = new long[SLOTS];
    private final long[] counts = new long[SLOTS];
    private final double[] totals = new double[SLOTS];
    private final double[] maxes = new double[SLOTS];
    private int current;

    public WindowedMaxAvg() {
        for (int i = 0; i < SLOTS; i++) {
            reset(i, Long.MIN_VALUE / 4);
        }
    }

    public synchronized void record(double value, long nowMs) {
        if (nowMs - startMs[current] >= WINDOW_MS) {
            current = (current + 1) % SLOTS;
            reset(current, nowMs);
        }
        counts[current]++;
        lastEventMs[current] = nowMs;
        totals[current] += value;
        maxes[current] = Math.max(maxes[current], value);
    }

    public synchronized double max(long nowMs) {
        purgeObsolete(nowMs);
        long count = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < SLOTS; i++) {
            count += counts[i];
            max = Math.max(max, maxes[i]);
        }
        return count == 0 ? Double.NaN : max;
    }

    public synchronized double avg(long nowMs) {
        purgeObsolete(nowMs);
        long count = 0;
        double total = 0;
        for (int i = 0; i < SLOTS; i++) {
            count += counts[i];
            total += totals[i];
        }
        return count == 0 ? Double.NaN : total / count;
    }

    private void purgeObsolete(long nowMs) {
        for (int i = 0; i < SLOTS; i++) {
            if (nowMs - lastEventMs[i] >= SAMPLES * WINDOW_MS) {
                reset(i, nowMs);
            }
        }
    }

    private void reset(int sample, long nowMs) {
        startMs[sample] = nowMs;
        lastEventMs[sample] = nowMs;
        counts[sample] = 0;
        totals[sample] = 0;
        maxes[sample] = Double.NEGATIVE_INFINITY;
    }
}
