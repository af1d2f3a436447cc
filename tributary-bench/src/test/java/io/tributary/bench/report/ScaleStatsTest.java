package io.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScaleStatsTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleValue() {
        assertThat(ScaleStats.of(List.of(30.0, 10.0, 20.0)))
                .contains(new ScaleStats(10.0, 20.0, 30.0, 3));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(ScaleStats.of(List.of(4.0, 1.0, 10.0, 2.0)))
                .contains(new ScaleStats(1.0, 3.0, 10.0, 4));
    }

    @Test
    void oneRoundIsItsOwnMinMedianAndMax() {
        assertThat(ScaleStats.of(List.of(7.5))).contains(new ScaleStats(7.5, 7.5, 7.5, 1));
    }

    @Test
    void noRoundsHaveNoStatistics() {
        assertThat(ScaleStats.of(List.of())).isEmpty();
    }

    @Test
    void theRatioDividesTheMedians() {
        // given
        Optional<ScaleStats> tributary = ScaleStats.of(List.of(100.0, 300.0, 150.0));
        Optional<ScaleStats> kafka = ScaleStats.of(List.of(90.0, 110.0));

        // when
        Optional<Double> ratio = ScaleStats.ratioOfMedians(tributary, kafka);

        // then
        assertThat(ratio).hasValueSatisfying(r -> assertThat(r).isCloseTo(1.5, within(1e-9)));
    }

    @Test
    void thereIsNoRatioWithoutBothSidesOrOverZero() {
        Optional<ScaleStats> some = ScaleStats.of(List.of(1.0));
        assertThat(ScaleStats.ratioOfMedians(some, Optional.empty())).isEmpty();
        assertThat(ScaleStats.ratioOfMedians(Optional.empty(), some)).isEmpty();
        assertThat(ScaleStats.ratioOfMedians(some, ScaleStats.of(List.of(0.0)))).isEmpty();
    }
}
