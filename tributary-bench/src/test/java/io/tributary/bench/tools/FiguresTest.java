package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void rendersFiguresInOrderThenErrorsOnOneLineEach() {
        // given
        Figures figures = new Figures();

        // when
        figures.put("connect_ms", 12.34567);
        figures.put("threads_connected", 42L);
        figures.error("first line\nsecond line");

        // then
        assertThat(figures.render())
                .isEqualTo("connect_ms=12.346\nthreads_connected=42\nerror=first line second line\n");
        assertThat(figures.hasErrors()).isTrue();
    }

    @Test
    void takesOnlyMetricNamesTheScaleDriverAccepts() {
        // then
        assertThatThrownBy(() -> new Figures().put("Connect-ms", 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Figures().put("error", 1L)).isInstanceOf(IllegalArgumentException.class);
    }
}
