package io.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.bench.report.ScaleSeries.Pair;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleChartsTest {

    @TempDir
    Path out;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void drawsALineChartPerMetricOverNumericPoints() throws IOException {
        // given
        ScaleWorkload workload = ScaleWorkload.group(ScaleFigures.parse(List.of(
                "partitions.10.tributary.r1.produce_mib_per_s=150",
                "partitions.10.tributary.r2.produce_mib_per_s=140",
                "partitions.1000.tributary.r1.produce_mib_per_s=120",
                "partitions.1000.kafka.r1.produce_mib_per_s=90",
                "partitions.10000.kafka.r1.produce_mib_per_s=40",
                "partitions.10000.kafka.r1.state=failed")).figures()).get(0);

        // when
        List<ScaleChart> charts = ScalePointCharts.render(workload, out);

        // then: no chart for a metric with no number on either side
        assertThat(charts).extracting(ScaleChart::file).containsExactly("partitions-produce_mib_per_s.png");
        assertThat(charts.get(0).title()).startsWith("partitions: produce (MiB/s)");
        assertDecodablePng(out.resolve("partitions-produce_mib_per_s.png"));
    }

    @Test
    void drawsABarChartPerMetricOverLabelPoints() throws IOException {
        // given
        ScaleWorkload workload = ScaleWorkload.group(ScaleFigures.parse(List.of(
                "records.100B-none.tributary.r1.records_per_s=812345",
                "records.100B-none.kafka.r1.records_per_s=700000",
                "records.1KiB-lz4.tributary.r1.records_per_s=300000")).figures()).get(0);

        // when
        List<ScaleChart> charts = ScalePointCharts.render(workload, out);

        // then
        assertThat(charts).extracting(ScaleChart::file).containsExactly("records-records_per_s.png");
        assertDecodablePng(out.resolve("records-records_per_s.png"));
    }

    @Test
    void drawsAChartOverTimePerSampledMetric() throws IOException {
        // given
        Path series = Files.createDirectories(out.resolve("series"));
        Files.writeString(series.resolve("soak-1000-tributary-r1.csv"),
                "seconds,produce_mib_per_s,gc_pause_ms\n10,100,1\n20,110,3\n30,105,2\n");
        Files.writeString(series.resolve("soak-1000-kafka-r1.csv"),
                "seconds,produce_mib_per_s\n10,80\n20,85\n30,70\n");
        List<Pair> pairs = ScaleSeries.firstRounds(ScaleSeries.list(series, new ArrayList<>()));

        // when
        List<ScaleChart> charts = ScaleTimeCharts.render(pairs.get(0), out);

        // then
        assertThat(charts).extracting(ScaleChart::file).containsExactly(
                "soak-1000-produce_mib_per_s-over-time.png", "soak-1000-gc_pause_ms-over-time.png");
        for (ScaleChart chart : charts) assertDecodablePng(out.resolve(chart.file()));
    }

    private static void assertDecodablePng(Path file) throws IOException {
        assertThat(file).isNotEmptyFile();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(ScaleChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ScaleChart.HEIGHT);
    }
}
