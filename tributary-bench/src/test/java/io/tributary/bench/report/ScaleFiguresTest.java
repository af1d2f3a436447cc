package io.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tributary.bench.report.ScaleFigures.Figure;
import io.tributary.bench.report.ScaleFigures.StepError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleFiguresTest {

    @Test
    void sortsMetaFiguresErrorsAndLinesNotUnderstood() {
        // given
        List<String> lines = List.of(
                "# written by bench/scale.sh",
                "meta.machine=2 CPUs, 24 GiB",
                "meta.commit=abc1234",
                "",
                "partitions.10.tributary.r1.produce_mib_per_s=143.2",
                "partitions.10.kafka.r1.error=the broker did not start: C:\\no\\such = dir",
                "partitions.error=the workload was skipped",
                "partitions.10.tributary.r1=12",
                "a line with no value");

        // when
        ScaleFigures figures = ScaleFigures.parse(lines);

        // then
        assertThat(figures.meta()).containsExactly(
                entry("machine", "2 CPUs, 24 GiB"),
                entry("commit", "abc1234"));
        assertThat(figures.figures()).containsExactly(new Figure(
                new ScaleKey("partitions", "10", "tributary", 1, "produce_mib_per_s"), "143.2"));
        assertThat(figures.errors()).containsExactly(
                new StepError("partitions 10 kafka r1", "the broker did not start: C:\\no\\such = dir"),
                new StepError("partitions", "the workload was skipped"));
        assertThat(figures.notUnderstood())
                .containsExactly("a line with no value", "partitions.10.tributary.r1=12");
        assertThat(figures.raw()).hasSize(6);
    }

    @Test
    void theLastValueOfARepeatedKeyWinsInThePlaceOfTheFirst() {
        // given
        List<String> lines = List.of(
                "records.1KiB-lz4.tributary.r1.records_per_s=1",
                "records.100B-none.tributary.r1.records_per_s=2",
                "records.1KiB-lz4.tributary.r1.records_per_s=3");

        // when
        ScaleFigures figures = ScaleFigures.parse(lines);

        // then
        assertThat(figures.figures()).extracting(f -> f.key().point() + "=" + f.value())
                .containsExactly("1KiB-lz4=3", "100B-none=2");
    }
}
