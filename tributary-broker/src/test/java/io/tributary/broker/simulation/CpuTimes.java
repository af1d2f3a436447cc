package io.tributary.broker.simulation;

import java.util.Map;
import java.util.TreeMap;

/**
 * Real (wall-clock, single-threaded) time the controller code took per operation kind. Measured only, never fed
 * back into the simulated clock: that would make runs depend on the machine.
 */
final class CpuTimes {

    /** Count, total and maximum of one operation kind, in nanoseconds. */
    static final class Stat {
        long count;
        long totalNs;
        long maxNs;

        double meanMs() {
            return count == 0 ? 0 : totalNs / 1e6 / count;
        }

        double maxMs() {
            return maxNs / 1e6;
        }
    }

    private final Map<String, Stat> stats = new TreeMap<>();

    void record(String kind, long nanos) {
        Stat stat = stats.computeIfAbsent(kind, k -> new Stat());
        stat.count++;
        stat.totalNs += nanos;
        stat.maxNs = Math.max(stat.maxNs, nanos);
    }

    Map<String, Stat> stats() {
        return stats;
    }
}
