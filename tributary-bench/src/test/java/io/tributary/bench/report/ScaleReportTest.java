package io.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleReportTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void writesTheMarkdownTheJsonAndTheChartsItLinks() throws IOException {
        // given
        Path figures = dir.resolve("figures.properties");
        Files.writeString(figures, """
                meta.commit=abc1234
                partitions.10.tributary.r1.produce_mib_per_s=150
                partitions.10.kafka.r1.produce_mib_per_s=100
                partitions.1000.tributary.r1.produce_mib_per_s=120
                partitions.1000.kafka.r1.produce_mib_per_s=80
                records.100B-none.tributary.r1.records_per_s=812345
                records.100B-none.kafka.r1.error=the producer timed out
                """);
        Path series = Files.createDirectories(dir.resolve("series"));
        Files.writeString(series.resolve("soak-1000-tributary-r1.csv"), "seconds,rss_mib\n10,200\n20,210\n");
        Path out = dir.resolve("out");

        // when
        String md = ScaleReport.write(figures, series, out);

        // then
        assertThat(Files.readString(out.resolve("scale.md"))).isEqualTo(md);
        assertThat(md).contains("| 1000 | produce (MiB/s) | 120 | 120 | 120 | 80 | 80 | 80 | 1.50 | 1 |");
        assertThat(md).contains("- records 100B-none kafka r1: the producer timed out");
        assertThat(md).contains("## soak\n\nNo figures; only samples over time.");
        for (String png : new String[] {"partitions-produce_mib_per_s.png", "records-records_per_s.png",
                "soak-1000-rss_mib-over-time.png"}) {
            assertThat(md).contains("](" + png + ")");
            assertThat(out.resolve(png)).isNotEmptyFile();
        }
        assertThat(out.resolve("scale.json")).content()
                .contains("\"partitions\": {")
                .contains("\"1000.kafka.r1.produce_mib_per_s\": 80");
    }

    @Test
    void aMissingSeriesDirectoryIsNoError() throws IOException {
        // given
        Path figures = dir.resolve("figures.properties");
        Files.writeString(figures, "partitions.10.tributary.r1.produce_mib_per_s=150\n");

        // when
        String md = ScaleReport.write(figures, dir.resolve("no-series"), dir.resolve("out"));

        // then
        assertThat(md).contains("| 10 | produce (MiB/s) | 150 | 150 | 150 |  |  |  |  | 1 / 0 |");
        assertThat(md).doesNotContain("Not in this report");
    }
}
