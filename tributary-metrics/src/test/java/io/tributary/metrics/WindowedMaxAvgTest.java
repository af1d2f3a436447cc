package io.tributary.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowedMaxAvgTest {

    private final WindowedMaxAvg stat = new WindowedMaxAvg();

    @Test
    void nothingRecordedReadsNaNAsKafkasMaxAndAvg() {
        assertThat(stat.max(0)).isNaN();
        assertThat(stat.avg(0)).isNaN();
    }

    @Test
    void maxAndAverageOfTheValuesInTheWindow() {
        // when
        stat.record(10, 1_000);
        stat.record(40, 2_000);
        stat.record(25, 31_500); // a second 30 s sample

        // then
        assertThat(stat.max(32_000)).isEqualTo(40);
        assertThat(stat.avg(32_000)).isEqualTo(25);
    }

    @Test
    void aSampleWhoseLastValueIsTwoWindowsOldNoLongerCounts() {
        // given
        stat.record(100, 1_000);
        stat.record(5, 40_000);

        // then
        assertThat(stat.max(60_999)).as("the first sample's last value is 59.999 s old").isEqualTo(100);
        assertThat(stat.max(61_000)).isEqualTo(5);
        assertThat(stat.avg(61_000)).isEqualTo(5);
        assertThat(stat.max(100_000)).isNaN();
    }
}
