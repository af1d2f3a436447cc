package io.tributary.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One chart per metric of a workload, both brokers on it: a line over the points when they are sizes (partitions,
 * connections), bars per point when they are labels (record size and codec) or there is only one.
 */
final class ScalePointCharts {

    /** Said in scale.md under the charts, so a reader knows what the marks are. */
    static final String LINE_NOTE = "Line charts: the median across rounds; the bar at each point spans the lowest to "
            + "the highest round.";
    static final String BAR_NOTE = "Bar charts: the median across rounds (the spread is in the table).";

    // A size range this wide crowds the small sizes together on a linear axis.
    private static final double LOG_AXIS_SPAN = 100;

    private ScalePointCharts() {
    }

    /** Whether the workload gets line charts rather than bars. */
    static boolean lines(ScaleWorkload workload) {
        return workload.numericPoints() && workload.points().size() >= 2;
    }

    static List<ScaleChart> render(ScaleWorkload workload, Path outDir) throws IOException {
        List<ScaleChart> charts = new ArrayList<>();
        for (String metric : workload.metrics()) {
            if (!workload.hasNumbers(metric)) continue;
            String file = ScaleChart.fileName(workload.name(), metric);
            charts.add(lines(workload) ? ScaleChart.save(lineChart(workload, metric), outDir, file)
                    : ScaleChart.save(barChart(workload, metric), outDir, file));
        }
        return charts;
    }

    private static XYChart lineChart(ScaleWorkload workload, String metric) {
        ScaleMetric m = ScaleMetric.of(metric);
        XYChart chart = new XYChartBuilder().width(ScaleChart.WIDTH).height(ScaleChart.HEIGHT)
                .title(workload.name() + ": " + m.label() + ", median and range of the rounds")
                .xAxisTitle(workload.name()).yAxisTitle(m.label()).build();
        ScaleChart.style(chart.getStyler());
        // Error bars are drawn in the colour of their series, the range series below takes its broker's colour.
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        List<Double> sizes = workload.points().stream().map(Double::parseDouble).toList();
        double smallest = sizes.get(0);
        double largest = sizes.get(sizes.size() - 1);
        chart.getStyler().setXAxisLogarithmic(smallest > 0 && largest / smallest >= LOG_AXIS_SPAN);
        boolean negative = false;
        for (String run : ScaleChart.RUNS) {
            List<Double> x = new ArrayList<>();
            List<Double> median = new ArrayList<>();
            List<Double> middle = new ArrayList<>();
            List<Double> halfRange = new ArrayList<>();
            for (String point : workload.points()) {
                Optional<ScaleStats> stats = workload.stats(point, metric, run);
                if (stats.isEmpty()) continue;
                ScaleStats s = stats.get();
                x.add(Double.parseDouble(point));
                median.add(s.median());
                middle.add((s.min() + s.max()) / 2);
                halfRange.add((s.max() - s.min()) / 2);
                negative |= s.min() < 0;
            }
            if (x.isEmpty()) continue;
            // XChart's error bars are symmetric about y: a second, invisible series centred between min and max
            // carries bars from min to max, so a skewed spread is drawn as it is and not mirrored about the median.
            if (halfRange.stream().anyMatch(h -> h > 0)) {
                XYSeries range = chart.addSeries(ScaleChart.runName(run) + " range", x, middle, halfRange);
                range.setMarker(SeriesMarkers.NONE);
                range.setLineStyle(SeriesLines.NONE);
                range.setLineColor(ScaleChart.color(run));
                range.setMarkerColor(ScaleChart.color(run));
                range.setShowInLegend(false);
            }
            XYSeries series = chart.addSeries(ScaleChart.runName(run), x, median);
            series.setLineColor(ScaleChart.color(run));
            series.setMarkerColor(ScaleChart.color(run));
            series.setMarker(ScaleKey.TRIBUTARY.equals(run) ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
        }
        // From zero, so the gap between the brokers is not magnified by a cut axis.
        if (!negative) chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    private static CategoryChart barChart(ScaleWorkload workload, String metric) {
        ScaleMetric m = ScaleMetric.of(metric);
        CategoryChart chart = new CategoryChartBuilder().width(ScaleChart.WIDTH).height(ScaleChart.HEIGHT)
                .title(workload.name() + ": " + m.label() + ", median of the rounds")
                .xAxisTitle(workload.name()).yAxisTitle(m.label()).build();
        ScaleChart.style(chart.getStyler());
        List<String> points = workload.points();
        for (String run : ScaleChart.RUNS) {
            // A point the broker has no number for is a missing bar (null), never a bar of zero.
            List<Double> medians = points.stream()
                    .map(p -> workload.stats(p, metric, run).map(ScaleStats::median).orElse(null)).toList();
            if (medians.stream().allMatch(v -> v == null)) continue;
            chart.addSeries(ScaleChart.runName(run), points, medians).setFillColor(ScaleChart.color(run));
        }
        return chart;
    }
}
