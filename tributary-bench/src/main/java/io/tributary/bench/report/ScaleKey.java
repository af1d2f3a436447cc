package io.tributary.bench.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one figure bench/scale.sh collected: {@code WORKLOAD.POINT.RUN.rROUND.METRIC}, e.g.
 * {@code records.100B-none.kafka.r1.records_per_s}. A metric of {@code error} marks a step that produced no figure.
 */
record ScaleKey(String workload, String point, String run, int round, String metric) {

    static final String TRIBUTARY = "tributary";
    static final String KAFKA = "kafka";
    static final String ERROR = "error";

    // Points carry no dots, so the five parts split unambiguously even when a label point has dashes.
    private static final Pattern KEY = Pattern.compile(
            "([a-z]+)\\.([A-Za-z0-9_-]+)\\.(" + TRIBUTARY + "|" + KAFKA + ")\\.r([0-9]{1,6})\\.([a-z0-9_]+)");

    /** @throws IllegalArgumentException when the key does not have the five parts */
    static ScaleKey parse(String key) {
        Matcher m = KEY.matcher(key.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not WORKLOAD.POINT.RUN.rROUND.METRIC: " + key);
        }
        return new ScaleKey(m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4)), m.group(5));
    }

    boolean isError() {
        return ERROR.equals(metric);
    }

    /** The step without its metric, as the report names it: "partitions 1000 tributary r2". */
    String step() {
        return workload + " " + point + " " + run + " r" + round;
    }
}
