package io.tributary.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** A chart written to OUT_DIR, as scale.md links it; and what all the scale charts share (size, colours, saving). */
record ScaleChart(String title, String file) {

    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    // The same colour for a broker on every chart, so a reader learns it once.
    static final Color TRIBUTARY_COLOR = new Color(0x1F, 0x77, 0xB4);
    static final Color KAFKA_COLOR = new Color(0xD6, 0x5F, 0x0E);

    static final List<String> RUNS = List.of(ScaleKey.TRIBUTARY, ScaleKey.KAFKA);

    static String runName(String run) {
        return ScaleKey.TRIBUTARY.equals(run) ? "Tributary" : "Kafka";
    }

    static Color color(String run) {
        return ScaleKey.TRIBUTARY.equals(run) ? TRIBUTARY_COLOR : KAFKA_COLOR;
    }

    static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        // XChart's default switches to "8E5" for large numbers; figures read better written out.
        styler.setYAxisDecimalPattern("#,##0.###");
        styler.setXAxisDecimalPattern("#,##0.###");
    }

    /** A file name of the parts joined by dashes, with anything a file name should not hold replaced. */
    static String fileName(String... parts) {
        return String.join("-", parts).replaceAll("[^A-Za-z0-9_.-]", "_") + ".png";
    }

    static ScaleChart save(Chart<?, ?> chart, Path outDir, String file) throws IOException {
        BitmapEncoder.saveBitmap(chart, outDir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        return new ScaleChart(chart.getTitle(), file);
    }
}
