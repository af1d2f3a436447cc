package io.tributary.bench.report;

import java.util.Collection;
import java.util.Optional;

/** One figure of one broker at one point over the rounds that produced a number for it. */
record ScaleStats(double min, double median, double max, int rounds) {

    /** Empty when no round produced a number. */
    static Optional<ScaleStats> of(Collection<Double> values) {
        if (values.isEmpty()) return Optional.empty();
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        // The median of an even count is the mean of the middle two, the usual convention.
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return Optional.of(new ScaleStats(sorted[0], median, sorted[n - 1], n));
    }

    /** Tributary's median over Kafka's; empty when a side is missing or Kafka's median is zero. */
    static Optional<Double> ratioOfMedians(Optional<ScaleStats> tributary, Optional<ScaleStats> kafka) {
        if (tributary.isEmpty() || kafka.isEmpty() || kafka.get().median() == 0) return Optional.empty();
        return Optional.of(tributary.get().median() / kafka.get().median());
    }
}
