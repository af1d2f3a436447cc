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

    /** A value read when asked (Kafka's Yammer Gauge): Value. */
    record GaugeMetric(MetricName name, Gauge<?> gauge) implements KafkaMetric {
    }

    /** A Kafka-client-style MBean whose metrics are its attributes (socket-server-metrics, raft-metrics). */
    record AttributesMetric(MetricName name, AttributeSet attributes) implements KafkaMetric {
    }
}
