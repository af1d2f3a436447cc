package io.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleMarkdownTest {

    @Test
    void tabulatesMinMedianMaxPerBrokerAndTheRatioOfMedians() {
        // given
        ScaleFigures figures = ScaleFigures.parse(List.of(
                "partitions.1000.tributary.r1.produce_mib_per_s=140",
                "partitions.1000.kafka.r1.produce_mib_per_s=95.5",
                "partitions.1000.tributary.r2.produce_mib_per_s=150",
                "partitions.1000.kafka.r2.produce_mib_per_s=100.5",
                "partitions.1000.tributary.r3.produce_mib_per_s=146",
                "partitions.10.tributary.r1.produce_mib_per_s=200",
                "partitions.10.kafka.r1.produce_mib_per_s=150",
                "partitions.10.tributary.r1.p99_ms=2.345",
                "partitions.10.kafka.r1.p99_ms=failed"));
        ScaleWorkload workload = ScaleWorkload.group(figures.figures()).get(0);

        // when
        String table = ScaleMarkdown.table(workload);

        // then
        assertThat(table).isEqualTo(ScaleMarkdown.TABLE_HEADER + """
                | 10 | produce (MiB/s) | 200 | 200 | 200 | 150 | 150 | 150 | 1.33 | 1 |
                | 10 | p99 (ms) | 2.35 | 2.35 | 2.35 |  | failed |  |  | 1 / 0 |
                | 1000 | produce (MiB/s) | 140 | 146 | 150 | 95.5 | 98 | 101 | 1.49 | 3 / 2 |
                """);
    }

    @Test
    void theReportHasTheMetaHeaderTheChartsAndTheStepsWithoutFigures() {
        // given
        ScaleFigures figures = ScaleFigures.parse(List.of(
                "meta.commit=abc1234",
                "meta.rounds=3",
                "records.100B-none.tributary.r1.records_per_s=812345",
                "records.100B-none.kafka.r1.records_per_s=700000",
                "records.1KiB-lz4.kafka.r2.error=producer timed out | after 30 s",
                "records.1KiB-lz4.kafka.r3.records_per_s=n/a",
                "not a figure"));
        List<ScaleWorkload> workloads = ScaleWorkload.group(figures.figures());
        Map<String, List<ScaleChart>> charts = Map.of("records",
                List.of(new ScaleChart("records: records/s", "records-records_per_s.png")));

        // when
        String md = ScaleMarkdown.render(figures, workloads, charts, Map.of(), List.of("series file x.txt"));

        // then
        assertThat(md).startsWith("# Tributary / Apache Kafka at scale\n\ncommit: abc1234; rounds: 3.\n\n");
        assertThat(md).contains("## records\n\n" + ScaleMarkdown.TABLE_HEADER
                + "| 100B-none | records/s | 812345 | 812345 | 812345 | 700000 | 700000 | 700000 | 1.16 | 1 |\n"
                + "| 1KiB-lz4 | records/s |  |  |  |  | n/a |  |  | 0 |\n");
        assertThat(md).contains("![records: records/s](records-records_per_s.png)\n\n" + ScalePointCharts.BAR_NOTE);
        assertThat(md).contains("## Steps without figures\n\n- records 1KiB-lz4 kafka r2: producer timed out | after 30 s\n");
        assertThat(md).contains("- records 1KiB-lz4 kafka r3 records_per_s: `n/a`\n");
        assertThat(md).contains("## Not in this report\n\n- line `not a figure`\n- series file x.txt\n");
    }
}
