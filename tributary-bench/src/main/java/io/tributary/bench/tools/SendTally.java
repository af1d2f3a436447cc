package io.tributary.bench.tools;

import org.HdrHistogram.Histogram;

/**
 * Accounting of the active producers' sends: how many were sent, acknowledged and failed, and the send-to-ack
 * latency of those sent in the measured window (the warm-up's are counted, not recorded). Per second of sending
 * (from {@code originNanos}, warm-up included) it keeps the longest latency and the acknowledgements, for a series
 * that shows when a stall happened. Acknowledgements arrive on the producers' I/O threads, so every method is
 * synchronized.
 */
final class SendTally {

    private static final long MAX_TRACKABLE_NANOS = 60_000_000_000L;

    private final Histogram histogram = new Histogram(MAX_TRACKABLE_NANOS, 3);
    private long sent;
    private long measuredSent;
    private long acked;
    private long failed;
    private Exception firstFailure;
    private final long originNanos;
    private final long[] maxNanosBySecond;
    private final long[] ackedBySecond;

    /** Without a series worth the name: every send falls into one second. */
    SendTally() {
        this(0, 0);
    }

    /** @param seconds how long the sends go on from {@code originNanos}; later ones count in the last second */
    SendTally(long originNanos, int seconds) {
        this.originNanos = originNanos;
        this.maxNanosBySecond = new long[seconds + 1];
        this.ackedBySecond = new long[seconds + 1];
    }

    long originNanos() {
        return originNanos;
    }

    synchronized void onSent(boolean measured) {
        sent++;
        if (measured) measuredSent++;
    }

    /** @param failure the send's exception, or null when it was acknowledged */
    synchronized void onCompleted(boolean measured, long sentNanos, long completedNanos, Exception failure) {
        if (failure != null) {
            failed++;
            if (firstFailure == null) firstFailure = failure;
            return;
        }
        acked++;
        long latency = Math.max(0L, completedNanos - sentNanos);
        long sentSecond = (sentNanos - originNanos) / 1_000_000_000L;
        int second = (int) Math.max(0, Math.min(maxNanosBySecond.length - 1, sentSecond));
        maxNanosBySecond[second] = Math.max(maxNanosBySecond[second], latency);
        ackedBySecond[second]++;
        if (measured) histogram.recordValue(Math.min(MAX_TRACKABLE_NANOS, Math.max(0L, completedNanos - sentNanos)));
    }

    synchronized long sent() {
        return sent;
    }

    synchronized long measuredSent() {
        return measuredSent;
    }

    synchronized long acked() {
        return acked;
    }

    synchronized long failed() {
        return failed;
    }

    synchronized Exception firstFailure() {
        return firstFailure;
    }

    /** Sends neither acknowledged nor failed (after the producers were flushed: lost answers). */
    synchronized long unanswered() {
        return sent - acked - failed;
    }

    /** The latency at a percentile of the measured sends, in milliseconds. */
    synchronized double percentileMs(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    synchronized double maxMs() {
        return histogram.getMaxValue() / 1e6;
    }

    synchronized long measured() {
        return histogram.getTotalCount();
    }

    /**
     * Per second of sending: the second (from the origin), the longest send-to-ack latency of the sends in it and
     * how many of them were acknowledged, as the CSV bench/scale.sh keeps in series/.
     */
    synchronized String seriesCsv() {
        StringBuilder csv = new StringBuilder("seconds,active_max_ms,acked_records_per_s\n");
        for (int second = 0; second < maxNanosBySecond.length; second++) {
            csv.append(second).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.3f", maxNanosBySecond[second] / 1e6)).append(',')
                    .append(ackedBySecond[second]).append('\n');
        }
        return csv.toString();
    }
}
