package io.tributary.bench.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The figures of {@link LongRun} over time: from cumulative readings taken at each interval's end, one row per
 * interval with the rates of that interval (the difference to the previous reading over the time between them),
 * the broker's resident memory and log dir size at the reading, and the interval's e2e p99, longest GC pause and
 * heap in use after its last GC (given). Unknown figures (no broker process given, a reading that failed) are NaN, written as empty CSV fields.
 */
final class LongRunSeries {

    static final String HEADER =
            "seconds,produce_mib_per_s,consume_mib_per_s,e2e_p99_ms,rss_mib,broker_cpu_cores,data_mib,gc_pause_max_ms,"
                    + "heap_after_gc_mib";
    private static final double MIB = 1024.0 * 1024.0;

    /**
     * Cumulative readings at one moment: bytes acknowledged to the producer and received by the consumer since the
     * start, the broker's CPU ticks, its RSS and the size of its log dir in KiB (each -1 when unknown).
     */
    record Reading(long nanos, long producedBytes, long consumedBytes, long cpuTicks, long rssKib, long dataKib) {
    }

    /** One interval; {@code seconds} is its end, counted from the start of the run. */
    record Row(double seconds, double produceMibPerS, double consumeMibPerS, double e2eP99Ms, double rssMib,
               double brokerCpuCores, double dataMib, double gcPauseMaxMs, double heapAfterGcMib) {

        String csv() {
            return String.join(",", number(seconds, "%.1f"), number(produceMibPerS, "%.2f"),
                    number(consumeMibPerS, "%.2f"), number(e2eP99Ms, "%.2f"), number(rssMib, "%.1f"),
                    number(brokerCpuCores, "%.3f"), number(dataMib, "%.1f"), number(gcPauseMaxMs, "%.2f"),
                    number(heapAfterGcMib, "%.1f"));
        }
    }

    private final int clockTicksPerSecond;
    private final Reading start;
    private Reading previous;
    private final List<Row> rows = new ArrayList<>();

    LongRunSeries(Reading start, int clockTicksPerSecond) {
        this.start = start;
        this.previous = start;
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /** Closes the interval ending at this reading. */
    Row add(Reading now, double e2eP99Ms, double gcPauseMaxMs) {
        return add(now, e2eP99Ms, gcPauseMaxMs, Double.NaN);
    }

    /** Closes the interval ending at this reading, with the heap in use after its last GC (NaN: none). */
    Row add(Reading now, double e2eP99Ms, double gcPauseMaxMs, double heapAfterGcMib) {
        double seconds = (now.nanos() - previous.nanos()) / 1e9;
        double cpuCores = now.cpuTicks() < 0 || previous.cpuTicks() < 0 || seconds <= 0 ? Double.NaN
                : (now.cpuTicks() - previous.cpuTicks()) / (double) clockTicksPerSecond / seconds;
        Row row = new Row((now.nanos() - start.nanos()) / 1e9,
                rate(now.producedBytes() - previous.producedBytes(), seconds),
                rate(now.consumedBytes() - previous.consumedBytes(), seconds), e2eP99Ms,
                now.rssKib() < 0 ? Double.NaN : now.rssKib() / 1024.0, cpuCores,
                now.dataKib() < 0 ? Double.NaN : now.dataKib() / 1024.0, gcPauseMaxMs, heapAfterGcMib);
        rows.add(row);
        previous = now;
        return row;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** MiB/s acknowledged over the whole series (first to last reading). */
    double producedMibPerS() {
        return rate(previous.producedBytes() - start.producedBytes(), (previous.nanos() - start.nanos()) / 1e9);
    }

    /** MiB/s received over the whole series. */
    double consumedMibPerS() {
        return rate(previous.consumedBytes() - start.consumedBytes(), (previous.nanos() - start.nanos()) / 1e9);
    }

    /** Mean RSS of the intervals ending in the first windowSeconds of the run; NaN without any. */
    double meanRssFirst(double windowSeconds) {
        return mean(first(windowSeconds), Row::rssMib);
    }

    /** Mean RSS of the intervals ending in the last windowSeconds before the last reading; NaN without any. */
    double meanRssLast(double windowSeconds) {
        return mean(last(windowSeconds), Row::rssMib);
    }

    /** Mean heap after GC of the intervals in the first windowSeconds that had a GC; NaN without any. */
    double meanHeapAfterGcFirst(double windowSeconds) {
        return mean(first(windowSeconds), Row::heapAfterGcMib);
    }

    /** Mean heap after GC of the intervals in the last windowSeconds that had a GC; NaN without any. */
    double meanHeapAfterGcLast(double windowSeconds) {
        return mean(last(windowSeconds), Row::heapAfterGcMib);
    }

    private List<Row> first(double windowSeconds) {
        return rows.stream().filter(r -> r.seconds() <= windowSeconds + 1e-6).toList();
    }

    private List<Row> last(double windowSeconds) {
        if (rows.isEmpty()) return List.of();
        double end = rows.get(rows.size() - 1).seconds();
        return rows.stream().filter(r -> r.seconds() > end - windowSeconds + 1e-6).toList();
    }

    /** The broker's mean CPU over the whole series, in cores. */
    double meanCpuCores() {
        double busy = 0;
        double time = 0;
        double last = 0;
        for (Row r : rows) {
            double length = r.seconds() - last;
            last = r.seconds();
            if (Double.isNaN(r.brokerCpuCores())) continue;
            busy += r.brokerCpuCores() * length;
            time += length;
        }
        return time > 0 ? busy / time : Double.NaN;
    }

    private static double mean(List<Row> window, ToDoubleFunction<Row> figure) {
        double sum = 0;
        int n = 0;
        for (Row r : window) {
            double value = figure.applyAsDouble(r);
            if (Double.isNaN(value)) continue;
            sum += value;
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double rate(long bytes, double seconds) {
        return seconds <= 0 ? Double.NaN : bytes / MIB / seconds;
    }

    static String number(double value, String format) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
    }
}
