package io.tributary.bench.report;

import io.tributary.bench.report.ScaleSeries.Pair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Final step of bench/scale.sh: from the figures of every workload, point, broker and round (a properties file) and
 * the samples taken over time (CSV files), writes scale.md with a table per workload, scale.json with every raw
 * figure, and PNG charts of both brokers side by side.
 *
 * <p>Usage: {@code ScaleReport FIGURES.properties SERIES_DIR OUT_DIR} (SERIES_DIR may be missing or empty)
 */
public final class ScaleReport {

    private ScaleReport() {
    }

    public static void main(String[] args) throws IOException {
        // Bench machines have no display; without this, AWT may look for one before it draws the first chart.
        System.setProperty("java.awt.headless", "true");
        if (args.length != 3) {
            System.err.println("Usage: ScaleReport FIGURES.properties SERIES_DIR OUT_DIR");
            System.exit(1);
        }
        String markdown = write(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        System.out.print(markdown);
    }

    /** Writes scale.md, scale.json and the charts to outDir; returns the Markdown. */
    static String write(Path figuresFile, Path seriesDir, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        ScaleFigures figures = ScaleFigures.read(figuresFile);
        Files.writeString(outDir.resolve("scale.json"), JsonFigures.toJson(figures.raw()), StandardCharsets.UTF_8);
        List<ScaleWorkload> workloads = ScaleWorkload.group(figures.figures());
        List<String> notes = new ArrayList<>();

        Map<String, List<ScaleChart>> pointCharts = new LinkedHashMap<>();
        for (ScaleWorkload workload : workloads) {
            // A chart that cannot be drawn costs that chart, not the tables of the whole run.
            try {
                pointCharts.put(workload.name(), ScalePointCharts.render(workload, outDir));
            } catch (IOException | RuntimeException e) {
                notes.add("charts of " + workload.name() + ": " + e);
            }
        }

        List<String> skipped = new ArrayList<>();
        List<Pair> pairs = ScaleSeries.firstRounds(ScaleSeries.list(seriesDir, skipped));
        skipped.forEach(file -> notes.add("series file " + file + " (not WORKLOAD-POINT-RUN-rROUND.csv)"));
        Map<String, List<ScaleChart>> timeCharts = new LinkedHashMap<>();
        for (Pair pair : pairs) {
            try {
                timeCharts.computeIfAbsent(pair.workload(), w -> new ArrayList<>())
                        .addAll(ScaleTimeCharts.render(pair, outDir));
            } catch (IOException | RuntimeException e) {
                notes.add("charts over time of " + pair.workload() + " " + pair.point() + ": " + e);
            }
        }

        String markdown = ScaleMarkdown.render(figures, workloads, pointCharts, timeCharts, notes);
        Files.writeString(outDir.resolve("scale.md"), markdown, StandardCharsets.UTF_8);
        return markdown;
    }
}
