package io.tributary.bench.report;

import java.util.List;

/**
 * What a metric name says about its unit: the driver ends each name with it ({@code produce_mib_per_s},
 * {@code p99_ms}, {@code rss_mib}), so tables and chart axes can print "produce (MiB/s)" without a list of metrics.
 */
record ScaleMetric(String name, String quantity, String unit) {

    private record Suffix(String suffix, String unit) {
    }

    // Longest first: "_mib_per_s" and "_s_per_gib" also end in "_s".
    private static final List<Suffix> SUFFIXES = List.of(
            new Suffix("mib_per_s", "MiB/s"),
            new Suffix("records_per_s", "records/s"),
            new Suffix("s_per_gib", "CPU s/GiB"),
            new Suffix("mib", "MiB"),
            new Suffix("ms", "ms"),
            new Suffix("us", "µs"),
            new Suffix("s", "s"));

    static ScaleMetric of(String name) {
        for (Suffix s : SUFFIXES) {
            if (name.equals(s.suffix())) return new ScaleMetric(name, "", s.unit());
            if (name.endsWith("_" + s.suffix())) {
                String quantity = name.substring(0, name.length() - s.suffix().length() - 1);
                return new ScaleMetric(name, quantity.replace('_', ' '), s.unit());
            }
        }
        // "threads" and anything else is a plain count.
        return new ScaleMetric(name, name.replace('_', ' '), "");
    }

    /** "produce (MiB/s)", "records/s", "threads". */
    String label() {
        if (unit.isEmpty()) return quantity;
        if (quantity.isEmpty()) return unit;
        return quantity + " (" + unit + ")";
    }
}
