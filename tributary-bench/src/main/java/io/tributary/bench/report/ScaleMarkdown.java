package io.tributary.bench.report;

import io.tributary.bench.report.ScaleFigures.Figure;
import io.tributary.bench.report.ScaleFigures.StepError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Writes scale.md: the meta header, a table and the charts per workload, then what is missing and why. */
final class ScaleMarkdown {

    static final String TABLE_HEADER = """
            | point | figure | Tributary min | Tributary median | Tributary max \
            | Kafka min | Kafka median | Kafka max | Tributary / Kafka | rounds |
            |---|---|---:|---:|---:|---:|---:|---:|---:|---:|
            """;

    private ScaleMarkdown() {
    }

    /**
     * @param pointCharts the charts over the points, by workload
     * @param timeCharts the charts over time, by workload
     * @param notes files and charts the report had to leave out
     */
    static String render(ScaleFigures figures, List<ScaleWorkload> workloads,
            Map<String, List<ScaleChart>> pointCharts, Map<String, List<ScaleChart>> timeCharts, List<String> notes) {
        StringBuilder out = new StringBuilder("# Tributary / Apache Kafka at scale\n\n");
        if (!figures.meta().isEmpty()) {
            out.append(figures.meta().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; ", "", ".\n\n")));
        }
        out.append("""
                Each row is one figure at one size or kind of load ("point"): the lowest, median and highest value \
                over the rounds, per broker. Tributary / Kafka divides the medians. Rounds counts the rounds that \
                gave a number (Tributary / Kafka where they differ).

                """);
        Set<String> names = new LinkedHashSet<>();
        workloads.forEach(w -> names.add(w.name()));
        names.addAll(timeCharts.keySet());
        for (String name : names) {
            out.append("## ").append(name).append("\n\n");
            Optional<ScaleWorkload> workload = workloads.stream().filter(w -> w.name().equals(name)).findFirst();
            if (workload.isPresent()) {
                out.append(table(workload.get())).append('\n');
                List<ScaleChart> charts = pointCharts.getOrDefault(name, List.of());
                if (!charts.isEmpty()) {
                    images(out, charts);
                    out.append(ScalePointCharts.lines(workload.get())
                            ? ScalePointCharts.LINE_NOTE : ScalePointCharts.BAR_NOTE).append("\n\n");
                }
            } else {
                out.append("No figures; only samples over time.\n\n");
            }
            List<ScaleChart> overTime = timeCharts.getOrDefault(name, List.of());
            if (!overTime.isEmpty()) {
                out.append("### ").append(name).append(" over time (the lowest round of each broker)\n\n");
                images(out, overTime);
            }
        }
        out.append("## Steps without figures\n\n");
        if (figures.errors().isEmpty()) out.append("None.\n");
        for (StepError error : figures.errors()) {
            out.append("- ").append(error.step()).append(": ").append(error.message()).append('\n');
        }
        List<String> texts = new ArrayList<>();
        for (Figure f : figures.figures()) {
            if (ScaleNumbers.parse(f.value()) == null) {
                texts.add(f.key().step() + " " + f.key().metric() + ": `" + f.value() + "`");
            }
        }
        list(out, "Values that are not numbers (left out of the statistics)", texts);
        List<String> notRead = new ArrayList<>();
        figures.notUnderstood().forEach(line -> notRead.add("line `" + line + "`"));
        notRead.addAll(notes);
        list(out, "Not in this report", notRead);
        return out.toString();
    }

    /** The workload's table: a row per point and metric, points in order, metrics in the order first seen. */
    static String table(ScaleWorkload workload) {
        StringBuilder out = new StringBuilder(TABLE_HEADER);
        for (String point : workload.points()) {
            for (String metric : workload.metrics()) {
                if (!workload.has(point, metric)) continue;
                Optional<ScaleStats> tributary = workload.stats(point, metric, ScaleKey.TRIBUTARY);
                Optional<ScaleStats> kafka = workload.stats(point, metric, ScaleKey.KAFKA);
                out.append("| ").append(cell(point))
                        .append(" | ").append(cell(ScaleMetric.of(metric).label()));
                side(out, tributary, workload.texts(point, metric, ScaleKey.TRIBUTARY));
                side(out, kafka, workload.texts(point, metric, ScaleKey.KAFKA));
                out.append(" | ").append(ScaleStats.ratioOfMedians(tributary, kafka).map(ScaleNumbers::ratio)
                        .orElse(""));
                out.append(" | ").append(rounds(tributary, kafka)).append(" |\n");
            }
        }
        return out.toString();
    }

    // Min, median and max; a broker with only text for the figure shows the text where the median would be.
    private static void side(StringBuilder out, Optional<ScaleStats> stats, List<String> texts) {
        if (stats.isPresent()) {
            ScaleStats s = stats.get();
            out.append(" | ").append(ScaleNumbers.format(s.min()))
                    .append(" | ").append(ScaleNumbers.format(s.median()))
                    .append(" | ").append(ScaleNumbers.format(s.max()));
        } else {
            out.append(" | ").append(" | ").append(cell(String.join(", ", texts))).append(" | ");
        }
    }

    private static String rounds(Optional<ScaleStats> tributary, Optional<ScaleStats> kafka) {
        int t = tributary.map(ScaleStats::rounds).orElse(0);
        int k = kafka.map(ScaleStats::rounds).orElse(0);
        return t == k ? Integer.toString(t) : t + " / " + k;
    }

    private static void images(StringBuilder out, List<ScaleChart> charts) {
        for (ScaleChart chart : charts) {
            out.append("![").append(chart.title()).append("](").append(chart.file()).append(")\n\n");
        }
    }

    private static void list(StringBuilder out, String heading, List<String> items) {
        if (items.isEmpty()) return;
        out.append("\n## ").append(heading).append("\n\n");
        items.forEach(item -> out.append("- ").append(item).append('\n'));
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
