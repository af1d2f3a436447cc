package io.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleWorkloadTest {

    @Test
    void numericPointsGoInAscendingOrder() {
        // given
        ScaleFigures figures = ScaleFigures.parse(List.of(
                "partitions.10000.tributary.r1.produce_mib_per_s=60",
                "partitions.10.tributary.r1.produce_mib_per_s=150",
                "partitions.1000.kafka.r1.produce_mib_per_s=90",
                "partitions.100.kafka.r1.p99_ms=4"));

        // when
        List<ScaleWorkload> workloads = ScaleWorkload.group(figures.figures());

        // then
        assertThat(workloads).singleElement().satisfies(w -> {
            assertThat(w.numericPoints()).isTrue();
            assertThat(w.points()).containsExactly("10", "100", "1000", "10000");
            assertThat(w.metrics()).containsExactly("produce_mib_per_s", "p99_ms");
        });
    }

    @Test
    void labelPointsKeepTheOrderOfTheFile() {
        // given
        ScaleFigures figures = ScaleFigures.parse(List.of(
                "records.1KiB-lz4.tributary.r1.records_per_s=300000",
                "records.100B-none.tributary.r1.records_per_s=800000",
                "records.10KiB-zstd.kafka.r1.records_per_s=20000",
                "fanout.8.kafka.r1.consume_mib_per_s=10"));

        // when
        List<ScaleWorkload> workloads = ScaleWorkload.group(figures.figures());

        // then
        assertThat(workloads).extracting(ScaleWorkload::name).containsExactly("records", "fanout");
        assertThat(workloads.get(0).numericPoints()).isFalse();
        assertThat(workloads.get(0).points()).containsExactly("1KiB-lz4", "100B-none", "10KiB-zstd");
    }

    @Test
    void keepsTextApartFromTheNumbers() {
        // given
        ScaleFigures figures = ScaleFigures.parse(List.of(
                "connections.5000.tributary.r1.rss_mib=210.5",
                "connections.5000.tributary.r2.rss_mib=n/a",
                "connections.5000.tributary.r3.rss_mib=200"));

        // when
        ScaleWorkload workload = ScaleWorkload.group(figures.figures()).get(0);

        // then
        assertThat(workload.stats("5000", "rss_mib", "tributary"))
                .contains(new ScaleStats(200, 205.25, 210.5, 2));
        assertThat(workload.texts("5000", "rss_mib", "tributary")).containsExactly("n/a");
        assertThat(workload.stats("5000", "rss_mib", "kafka")).isEmpty();
    }
}
