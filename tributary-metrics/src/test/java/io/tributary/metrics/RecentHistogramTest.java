package io.tributary.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Histogram;
import org.junit.jupiter.api.Test;

class RecentHistogramTest {

    @Test
    void countIsEveryValueRecordedReadOrNot() {
        Histogram histogram = new RecentHistogram();
        assertThat(histogram.getCount()).isZero();
        histogram.update(3);
        histogram.update(4L);
        assertThat(histogram.getCount()).isEqualTo(2);
        assertThat(histogram.getCount()).as("reading closes an interval; it does not count it twice").isEqualTo(2);
        histogram.getSnapshot();
        histogram.update(5);
        assertThat(histogram.getCount()).isEqualTo(3);
        assertThat(histogram.getSnapshot().size()).isEqualTo(3);
        assertThat(histogram.getSnapshot().getMax()).isEqualTo(5);
    }
}
