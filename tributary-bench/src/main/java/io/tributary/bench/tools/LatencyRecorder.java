package io.tributary.bench.tools;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Turns received payloads into latencies. A payload starts with the sequence number and the sender's
 * {@code System.nanoTime()}; sender and receiver share one JVM, so the clocks agree. Records of the warm-up are
 * counted but not recorded.
 */
final class LatencyRecorder {

    private static final long MAX_TRACKABLE_NANOS = 60_000_000_000L;

    private final Histogram histogram = new Histogram(MAX_TRACKABLE_NANOS, 3);
    private final int warmupRecords;
    private final boolean[] seen;
    private int received;
    private int duplicates;

    LatencyRecorder(int warmupRecords, int totalRecords) {
        this.warmupRecords = warmupRecords;
        this.seen = new boolean[totalRecords];
    }

    static void stamp(byte[] payload, long sequence, long sendNanos) {
        ByteBuffer.wrap(payload).putLong(sequence).putLong(sendNanos);
    }

    void onReceived(ByteBuffer payload, long receiveNanos) {
        long sequence = payload.getLong(payload.position());
        long sentNanos = payload.getLong(payload.position() + Long.BYTES);
        if (sequence < 0 || sequence >= seen.length) return; // not ours
        if (seen[(int) sequence]) {
            duplicates++;
            return;
        }
        seen[(int) sequence] = true;
        received++;
        if (sequence >= warmupRecords)
            histogram.recordValue(Math.min(MAX_TRACKABLE_NANOS, Math.max(0L, receiveNanos - sentNanos)));
    }

    boolean complete() {
        return received == seen.length;
    }

    int received() {
        return received;
    }

    /** Raw figures as a flat JSON object, microseconds. */
    String toJson(int sent, double achievedRatePerSecond) {
        return String.format(Locale.ROOT,
                "{\"sent\": %d, \"received\": %d, \"lost\": %d, \"duplicates\": %d, \"measured\": %d,"
                        + " \"achieved_rate_per_s\": %.1f, \"p50_us\": %.1f, \"p99_us\": %.1f, \"p999_us\": %.1f,"
                        + " \"max_us\": %.1f, \"mean_us\": %.1f}",
                sent, received, sent - received, duplicates, histogram.getTotalCount(), achievedRatePerSecond,
                micros(histogram.getValueAtPercentile(50.0)), micros(histogram.getValueAtPercentile(99.0)),
                micros(histogram.getValueAtPercentile(99.9)), micros(histogram.getMaxValue()),
                histogram.getMean() / 1000.0);
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
