package io.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RatioTableTest {

    @Test
    void dividesTributaryByKafkaAndShowsMissingFiguresAsNotAvailable() {
        // given
        Map<String, String> figures = Map.of(
                "tributary.produce.mib_per_s", "300.0",
                "kafka.produce.mib_per_s", "200.0",
                "tributary_durable.produce.mib_per_s", "180",
                "kafka.consume.mib_per_s", "600",
                "tributary.threads_after", "29",
                "kafka.threads_after", "108");

        // when
        String table = RatioTable.render(figures);

        // then
        assertThat(table).contains("| produce MiB/s | 300 | 200 | 1.50 | >= 1.5 |");
        assertThat(table).contains("| consume MiB/s | n/a | 600 | n/a | >= 1.5 |");
        assertThat(table).contains("| durable produce MiB/s (vs Kafka default) | 180 | 200 | 0.90 | >= 1.4 |");
        assertThat(table).contains("| threads after the run | 29 | 108 | 0.27 |  |");
        assertThat(table.lines()).hasSize(2 + Comparison.ROWS.size());
    }
}
