package io.tributary.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;

/** One registered metric: its Kafka name and what it measures. */
public sealed interface KafkaMetric {

    MetricName name();

    /** A rate with a running count (Kafka's Yammer Meter): Count, MeanRate, 1/5/15-minute rates. */
    record MeterMetric(MetricName name, Meter meter, String eventType) implements KafkaMetric {
    }

    /** A sampled distribution (Kafka's Yammer Histogram): Count, Min, Max, Mean, StdDev, percentiles. */
    record HistogramMetric(MetricName name, Histogram histogram) implements KafkaMetric {
    }

    /**
     * A rate and a distribution of durations in milliseconds (Kafka's Yammer Timer, e.g. LogFlushRateAndTimeMs):
     * the meter's and the histogram's attributes together.
     */
    record TimerMetric(MetricName name, Meter meter, Histogram histogram, String eventType) implements KafkaMetric {
        /** One event that took {@code nanos}. */
        public void update(long nanos) {
            meter.mark();
            histogram.update(nanos / 1_000_000);
        }
    }

    /** A value read when asked (Kafka's Yammer Gauge): Value. */
    record GaugeMetric(MetricName name, Gauge<?> gauge) implements KafkaMetric {
    }

    /** A Kafka-client-style MBean whose metrics are its attributes (socket-server-metrics, raft-metrics). */
    record AttributesMetric(MetricName name, AttributeSet attributes) implements KafkaMetric {
    }
}
