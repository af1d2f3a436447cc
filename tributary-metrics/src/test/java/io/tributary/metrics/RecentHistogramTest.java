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

    @Test
    void valuesOfEveryRecordingThreadAreSummed() throws Exception {
        Histogram histogram = new RecentHistogram();
        histogram.update(7);
        Thread[] writers = new Thread[3];
        for (int t = 0; t < writers.length; t++) {
            long base = (t + 1) * 1_000L;
            writers[t] = new Thread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    histogram.update(base + i % 10);
                }
            });
            writers[t].start();
        }
        for (Thread thread : writers) {
            thread.join();
        }
        assertThat(histogram.getCount()).isEqualTo(3_001);
        assertThat(histogram.getSnapshot().size()).isEqualTo(3_001);
        assertThat(histogram.getSnapshot().getMin()).isEqualTo(7);
        assertThat(histogram.getSnapshot().getMax()).isBetween(3_008L, 3_011L);
        assertThat(histogram.getSnapshot().getMedian()).isBetween(1_990.0, 2_011.0);
        histogram.update(1);
        assertThat(histogram.getCount()).as("a thread's later values, after a read").isEqualTo(3_002);
    }
}
