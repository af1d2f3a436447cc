package io.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaleNumbersTest {

    @Test
    void readsPlainDecimalsOnly() {
        assertThat(ScaleNumbers.parse(" 143.2 ")).isEqualTo(143.2);
        assertThat(ScaleNumbers.parse("-3")).isEqualTo(-3.0);
        assertThat(ScaleNumbers.parse("1.5e3")).isEqualTo(1500.0);
        assertThat(ScaleNumbers.parse("n/a")).isNull();
        assertThat(ScaleNumbers.parse("NaN")).isNull();
        assertThat(ScaleNumbers.parse("Infinity")).isNull();
        assertThat(ScaleNumbers.parse("12d")).isNull();
        assertThat(ScaleNumbers.parse("")).isNull();
    }

    @Test
    void printsNoDecimalsFromAHundredAndThreeSignificantDigitsBelow() {
        assertThat(ScaleNumbers.format(812345)).isEqualTo("812345");
        assertThat(ScaleNumbers.format(143.6)).isEqualTo("144");
        assertThat(ScaleNumbers.format(100)).isEqualTo("100");
        assertThat(ScaleNumbers.format(99.96)).isEqualTo("100");
        assertThat(ScaleNumbers.format(12.345)).isEqualTo("12.3");
        assertThat(ScaleNumbers.format(12.0)).isEqualTo("12");
        assertThat(ScaleNumbers.format(1.5)).isEqualTo("1.5");
        assertThat(ScaleNumbers.format(0.012345)).isEqualTo("0.0123");
        assertThat(ScaleNumbers.format(0)).isEqualTo("0");
        assertThat(ScaleNumbers.format(-2.5)).isEqualTo("-2.5");
        assertThat(ScaleNumbers.ratio(1.0 / 3)).isEqualTo("0.33");
    }
}
