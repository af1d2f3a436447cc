package io.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScaleKeyTest {

    @Test
    void readsTheFivePartsOfANumericPoint() {
        // when
        ScaleKey key = ScaleKey.parse("partitions.1000.tributary.r2.produce_mib_per_s");

        // then
        assertThat(key).isEqualTo(new ScaleKey("partitions", "1000", "tributary", 2, "produce_mib_per_s"));
        assertThat(key.isError()).isFalse();
        assertThat(key.step()).isEqualTo("partitions 1000 tributary r2");
    }

    @Test
    void keepsTheDashesOfALabelPoint() {
        // when
        ScaleKey key = ScaleKey.parse("records.100B-none.kafka.r1.records_per_s");

        // then
        assertThat(key.point()).isEqualTo("100B-none");
        assertThat(key.run()).isEqualTo("kafka");
        assertThat(key.metric()).isEqualTo("records_per_s");
    }

    @Test
    void knowsAnErrorLine() {
        // when
        ScaleKey key = ScaleKey.parse("connections.5000.kafka.r3.error");

        // then
        assertThat(key.isError()).isTrue();
        assertThat(key.step()).isEqualTo("connections 5000 kafka r3");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "partitions.1000.tributary.produce_mib_per_s", // no round
        "partitions.1000.redpanda.r1.produce_mib_per_s", // neither broker
        "partitions.1000.tributary.2.produce_mib_per_s", // round without its r
        "Partitions.1000.tributary.r1.produce_mib_per_s", // workload not lower case
        "partitions.10.00.tributary.r1.produce_mib_per_s", // a dot in the point
        "partitions.1000.tributary.r1.Produce", // metric not lower case
        "meta.commit",
        ""})
    void rejectsKeysOfAnotherShape(String key) {
        assertThatThrownBy(() -> ScaleKey.parse(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WORKLOAD.POINT.RUN.rROUND.METRIC");
    }
}
