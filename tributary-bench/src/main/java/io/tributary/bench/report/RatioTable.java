package io.tributary.bench.report;

import java.util.Locale;
import java.util.Map;

/** Renders the comparisons as a Markdown table; a figure a run could not produce shows as "n/a". */
final class RatioTable {

    private RatioTable() {
    }

    static String render(Map<String, String> figures) {
        StringBuilder out = new StringBuilder();
        out.append("| figure | Tributary | Kafka 4.3.1 | Tributary / Kafka | target |\n");
        out.append("|---|---:|---:|---:|---|\n");
        for (Comparison row : Comparison.ROWS) {
            Double tributary = number(figures.get(row.tributaryKey()));
            Double kafka = number(figures.get(row.kafkaKey()));
            String ratio = tributary != null && kafka != null && kafka != 0.0
                    ? String.format(Locale.ROOT, "%.2f", tributary / kafka) : "n/a";
            out.append("| ").append(row.label())
                    .append(" | ").append(format(tributary))
                    .append(" | ").append(format(kafka))
                    .append(" | ").append(ratio)
                    .append(" | ").append(row.target())
                    .append(" |\n");
        }
        return out.toString();
    }

    /** The number a figure holds, or null when it is text (plain decimals only, as {@link ScaleNumbers#parse}). */
    static Double number(String value) {
        return ScaleNumbers.parse(value);
    }

    private static String format(Double value) {
        if (value == null) return "n/a";
        if (Math.abs(value) >= 100 || value == Math.rint(value)) return String.format(Locale.ROOT, "%.0f", value);
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
