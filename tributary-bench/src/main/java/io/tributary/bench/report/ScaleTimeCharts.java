package io.tributary.bench.report;

import io.tributary.bench.report.ScaleSeries.Line;
import io.tributary.bench.report.ScaleSeries.Pair;
import io.tributary.bench.report.ScaleSeries.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** One chart over time per metric sampled at one point of a workload, the two brokers' first rounds as lines. */
final class ScaleTimeCharts {

    private ScaleTimeCharts() {
    }

    static List<ScaleChart> render(Pair pair, Path outDir) throws IOException {
        Map<String, Map<String, Line>> byRun = new LinkedHashMap<>();
        Map<String, Integer> rounds = new LinkedHashMap<>();
        Set<String> metrics = new LinkedHashSet<>();
        for (Source source : new Source[] {pair.tributary(), pair.kafka()}) {
            if (source == null) continue;
            Map<String, Line> lines = ScaleSeries.read(source.file());
            byRun.put(source.run(), lines);
            rounds.put(source.run(), source.round());
            metrics.addAll(lines.keySet());
        }
        List<ScaleChart> charts = new ArrayList<>();
        for (String metric : metrics) {
            XYChart chart = chart(pair, metric, byRun, rounds);
            String file = ScaleChart.fileName(pair.workload(), pair.point(), metric, "over-time");
            charts.add(ScaleChart.save(chart, outDir, file));
        }
        return charts;
    }

    private static XYChart chart(Pair pair, String metric, Map<String, Map<String, Line>> byRun,
            Map<String, Integer> rounds) {
        ScaleMetric m = ScaleMetric.of(metric);
        XYChart chart = new XYChartBuilder().width(ScaleChart.WIDTH).height(ScaleChart.HEIGHT)
                .title(pair.workload() + " " + pair.point() + ": " + m.label() + " over time")
                .xAxisTitle("time (s)").yAxisTitle(m.label()).build();
        ScaleChart.style(chart.getStyler());
        boolean negative = false;
        for (String run : ScaleChart.RUNS) {
            Line line = byRun.getOrDefault(run, Map.of()).get(metric);
            if (line == null) continue;
            XYSeries series = chart.addSeries(ScaleChart.runName(run) + ", round " + rounds.get(run),
                    line.seconds(), line.values());
            series.setLineColor(ScaleChart.color(run));
            series.setMarkerColor(ScaleChart.color(run));
            // A sample every few seconds over half an hour: markers would bury the line.
            series.setMarker(SeriesMarkers.NONE);
            for (double v : line.values()) negative |= v < 0;
        }
        if (!negative) chart.getStyler().setYAxisMin(0.0);
        // The run starts at 0 s; without this the ticks fall on odd numbers after the first sample's time.
        chart.getStyler().setXAxisMin(0.0);
        return chart;
    }
}
