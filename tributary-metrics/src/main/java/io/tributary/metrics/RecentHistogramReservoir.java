package io.tributary.metrics;

import com.codahale.metrics.Reservoir;
import com.codahale.metrics.Snapshot;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The recent distribution of a histogram's values, recorded wait-free and without allocation (HdrHistogram's
 * {@link Recorder}, 3 significant digits) so that request timings cost a few nanoseconds on the event loops. A read
 * closes the current interval; the snapshot covers the intervals closed in the last five minutes (Kafka's Yammer
 * histograms are biased towards the same five minutes), so percentiles follow the traffic, not the uptime. The
 * window is kept summed (a new interval added, the whole rebuilt only when an interval expires) and its snapshot is
 * reused until it changes, so the dozen attribute reads of one MBean cost one copy, not a dozen rebuilds.
 */
final class RecentHistogramReservoir implements Reservoir {

    private static final long WINDOW_NANOS = 5 * 60 * 1_000_000_000L;
    private static final long MERGE_NANOS = 1_000_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int MAX_VALUES = 1028;

    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    /** Closed intervals, oldest first, with the time each was closed. */
    private final Deque<Interval> intervals = new ArrayDeque<>();
    private final Histogram window = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram recycled;
    /** Values recorded since the reservoir was made, up to the last closed interval. */
    private long totalCount;
    /** The last snapshot, handed out again while the window has not changed. */
    private HdrSnapshot snapshot;

    private record Interval(Histogram histogram, long closedAtNanos) {
    }

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, getSnapshot().size());
    }

    @Override
    public void update(long value) {
        recorder.recordValue(Math.max(0, value));
    }

    /** Every value recorded so far (Yammer's histogram Count): closes the current interval, as a snapshot does. */
    synchronized long count() {
        getSnapshot();
        return totalCount;
    }

    @Override
    public synchronized Snapshot getSnapshot() {
        long now = System.nanoTime();
        Histogram closed = recorder.getIntervalHistogram(recycled);
        recycled = null;
        Interval last = intervals.peekLast();
        boolean changed = false;
        if (closed.getTotalCount() == 0) {
            recycled = closed; // nothing recorded since the last read: keep no empty interval
        } else {
            changed = true;
            totalCount += closed.getTotalCount();
            window.add(closed);
            if (last != null && now - last.closedAtNanos() < MERGE_NANOS) {
                // Reads come in bursts (every attribute of an MBean, a scrape of all metrics): one interval per
                // second bounds the intervals kept to the window's seconds, however often the histogram is read.
                last.histogram().add(closed);
                recycled = closed;
            } else {
                intervals.addLast(new Interval(closed, now));
            }
        }
        boolean expired = false;
        while (!intervals.isEmpty() && now - intervals.peekFirst().closedAtNanos() > WINDOW_NANOS) {
            recycled = intervals.pollFirst().histogram();
            expired = true;
        }
        if (expired) {
            window.reset();
            for (Interval interval : intervals) {
                window.add(interval.histogram());
            }
        }
        if (changed || expired || snapshot == null) {
            // The other attribute reads of a burst with no new values share this copy.
            snapshot = new HdrSnapshot(window.copy());
        }
        return snapshot;
    }

    /** A fixed copy of the window's distribution. */
    private static final class HdrSnapshot extends Snapshot {
        private final Histogram histogram;

        HdrSnapshot(Histogram histogram) {
            this.histogram = histogram;
        }

        @Override
        public double getValue(double quantile) {
            return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(quantile * 100);
        }

        /** Up to 1,028 values spread over the distribution (a reservoir's sample size), ascending. */
        @Override
        public long[] getValues() {
            long count = histogram.getTotalCount();
            int n = (int) Math.min(count, MAX_VALUES);
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = histogram.getValueAtPercentile((i + 0.5) * 100.0 / n);
            }
            return values;
        }

        @Override
        public int size() {
            return (int) Math.min(Integer.MAX_VALUE, histogram.getTotalCount());
        }

        @Override
        public long getMax() {
            return histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue();
        }

        @Override
        public double getMean() {
            return histogram.getTotalCount() == 0 ? 0 : histogram.getMean();
        }

        @Override
        public long getMin() {
            return histogram.getTotalCount() == 0 ? 0 : histogram.getMinValue();
        }

        @Override
        public double getStdDev() {
            return histogram.getTotalCount() == 0 ? 0 : histogram.getStdDeviation();
        }

        @Override
        public void dump(OutputStream output) {
            try (PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(output, StandardCharsets.UTF_8))) {
                for (long value : getValues()) {
                    out.println(value);
                }
            }
        }
    }
}
