package io.tributary.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import io.tributary.metrics.KafkaMetric.AttributesMetric;
import io.tributary.metrics.KafkaMetric.GaugeMetric;
import io.tributary.metrics.KafkaMetric.HistogramMetric;
import io.tributary.metrics.KafkaMetric.MeterMetric;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One broker's metrics by Kafka name (Kafka's {@code KafkaMetricsGroup} over the Yammer registry). Every broker has
 * its own, so brokers sharing a JVM (tests) keep their numbers apart; JMX and the HTTP endpoint both read it.
 * Registering is idempotent: asking again for a meter or histogram returns the one already there.
 */
public final class KafkaMetrics {

    /** Told of every metric added and removed (the JMX reporter). */
    public interface Listener {
        void added(KafkaMetric metric);

        void removed(KafkaMetric metric);
    }

    private final ConcurrentMap<String, KafkaMetric> metrics = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** A meter whose rates are ticked every 5 seconds by one thread (as Kafka's): a mark is one count add. */
    public Meter meter(MetricName name, String eventType) {
        return ((MeterMetric) getOrAdd(name,
                () -> new MeterMetric(name, TickedMovingAverages.newMeter(), eventType))).meter();
    }

    /**
     * A histogram of the last five minutes, as Kafka's request-time histograms are biased towards; recording is
     * wait-free and allocates nothing (see {@link RecentHistogramReservoir}).
     */
    public Histogram histogram(MetricName name) {
        return ((HistogramMetric) getOrAdd(name, () -> new HistogramMetric(name,
                new RecentHistogram()))).histogram();
    }

    /** A timer: a meter of events and a histogram of their durations in milliseconds (last five minutes). */
    public KafkaMetric.TimerMetric timer(MetricName name, String eventType) {
        return (KafkaMetric.TimerMetric) getOrAdd(name, () -> new KafkaMetric.TimerMetric(name,
                TickedMovingAverages.newMeter(), new RecentHistogram(), eventType));
    }

    /** Adds a gauge, or keeps the one already registered under that name. */
    public void gauge(MetricName name, Gauge<?> gauge) {
        getOrAdd(name, () -> new GaugeMetric(name, gauge));
    }

    public void attributes(MetricName name, AttributeSet attributes) {
        getOrAdd(name, () -> new AttributesMetric(name, attributes));
    }

    public void remove(MetricName name) {
        KafkaMetric removed = metrics.remove(name.mbeanName());
        if (removed != null) {
            listeners.forEach(listener -> listener.removed(removed));
        }
    }

    public Collection<KafkaMetric> all() {
        return Collections.unmodifiableCollection(metrics.values());
    }

    public KafkaMetric get(MetricName name) {
        return metrics.get(name.mbeanName());
    }

    /** Adds a listener and tells it of every metric already registered. */
    public void addListener(Listener listener) {
        listeners.add(listener);
        metrics.values().forEach(listener::added);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    private KafkaMetric getOrAdd(MetricName name, java.util.function.Supplier<KafkaMetric> factory) {
        String key = name.mbeanName();
        KafkaMetric existing = metrics.get(key);
        if (existing != null) {
            return existing;
        }
        KafkaMetric created = factory.get();
        KafkaMetric raced = metrics.putIfAbsent(key, created);
        if (raced != null) {
            return raced;
        }
        listeners.forEach(listener -> listener.added(created));
        return created;
    }
}
