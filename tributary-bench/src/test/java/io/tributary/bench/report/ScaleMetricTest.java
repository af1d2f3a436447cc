package io.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScaleMetricTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "produce_mib_per_s | produce (MiB/s)",
        "records_per_s | records/s",
        "consume_records_per_s | consume (records/s)",
        "p99_ms | p99 (ms)",
        "e2e_p999_us | e2e p999 (µs)",
        "rss_mib | rss (MiB)",
        "cpu_produce_s_per_gib | cpu produce (CPU s/GiB)",
        "startup_s | startup (s)",
        "threads | threads",
        "open_files | open files"})
    void labelsAMetricWithTheUnitItsNameEndsIn(String metric, String label) {
        assertThat(ScaleMetric.of(metric).label()).isEqualTo(label);
    }
}
