package io.tributary.server.metrics;

import com.codahale.metrics.Snapshot;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import io.tributary.metrics.KafkaMetric;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.metrics.MetricName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A broker's {@link KafkaMetrics} as Prometheus samples, named as the JMX exporter names Kafka's MBeans under
 * Strimzi's rules (see {@link StrimziNames}): meters give their count, gauges their value, histograms their count
 * and the 50/75/95/98/99/99.9th percentiles as {@code quantile="0.50"} ... {@code "0.999"}.
 */
public final class KafkaMetricsCollector implements MultiCollector {

    private static final Map<String, String> LABEL_NAMES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String[] QUANTILES = {"0.50", "0.75", "0.95", "0.98", "0.99", "0.999"};

    private final KafkaMetrics metrics;
    /** Prometheus names by group, type and name: worked out once, not per partition per scrape. */
    private final Map<String, Map<String, Map<String, String>>> names = new java.util.concurrent.ConcurrentHashMap<>();

    public KafkaMetricsCollector(KafkaMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public MetricSnapshots collect() {
        Families families = new Families();
        for (KafkaMetric metric : metrics.all()) {
            try {
                add(families, metric);
            } catch (RuntimeException e) {
                // a gauge over a part that just closed: leave it out of this scrape
            }
        }
        return families.build();
    }

    /** The name {@code naming} gives, cached; {@code kind} tells apart the names one metric name can have. */
    private String cached(MetricName name, char kind, java.util.function.Supplier<String> naming) {
        Map<String, String> byName = names.computeIfAbsent(name.group(), g -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(name.type(), t -> new java.util.concurrent.ConcurrentHashMap<>());
        String key = name.name() == null ? String.valueOf(kind) : kind + name.name();
        String cachedName = byName.get(key);
        if (cachedName == null) {
            cachedName = naming.get();
            byName.put(key, cachedName == null ? "" : cachedName);
        }
        return cachedName == null || cachedName.isEmpty() ? null : cachedName;
    }

    private void add(Families families, KafkaMetric metric) {
        MetricName name = metric.name();
        if (cached(name, 'x', () -> StrimziNames.exported(name.group()) ? "yes" : null) == null) {
            return;
        }
        if (metric instanceof KafkaMetric.MeterMetric meter) {
            String counter = cached(name, 'c', () -> StrimziNames.meterCounter(name.group(), name.type(),
                    name.name()));
            if (counter != null && name.tags().size() <= 2) {
                families.counter(counter, name).add(labels(name), meter.meter().getCount());
            } else if (counter == null) {
                String gauge = cached(name, 'g', () -> StrimziNames.gauge(name.group(), name.type(), name.name()));
                if (gauge.endsWith("_percent")) {
                    families.gauge(gauge, name).add(labels(name), meter.meter().getMeanRate());
                } else {
                    families.untyped(gauge + "_count", name).add(labels(name), meter.meter().getCount());
                }
            }
        } else if (metric instanceof KafkaMetric.GaugeMetric gauge) {
            Object value = gauge.gauge().getValue();
            if (value instanceof Number number) {
                families.gauge(cached(name, 'g', () -> StrimziNames.gauge(name.group(), name.type(), name.name())),
                        name).add(labels(name), number.doubleValue());
            }
        } else if (metric instanceof KafkaMetric.HistogramMetric histogram) {
            addHistogram(families, name, histogram.histogram());
        } else if (metric instanceof KafkaMetric.TimerMetric timer) {
            // Strimzi's rules take a timer's Count and percentiles, as for a histogram (its rates are not exported).
            addHistogram(families, name, timer.histogram());
        } else if (metric instanceof KafkaMetric.AttributesMetric attributes) {
            if (!StrimziNames.attributesExported(name)) {
                return;
            }
            Labels labels = labels(name);
            for (Map.Entry<String, Supplier<Object>> entry : attributes.attributes().attributes().entrySet()) {
                addAttribute(families, name, labels, entry.getKey(), entry.getValue().get());
            }
        }
    }

    private void addHistogram(Families families, MetricName name, com.codahale.metrics.Histogram histogram) {
        String base = cached(name, 'h', () -> StrimziNames.histogram(name.group(), name.type(), name.name()));
        Labels labels = labels(name);
        families.untyped(base + "_count", name).add(labels, histogram.getCount());
        Snapshot snapshot = histogram.getSnapshot();
        double[] values = {snapshot.getMedian(), snapshot.get75thPercentile(), snapshot.get95thPercentile(),
            snapshot.get98thPercentile(), snapshot.get99thPercentile(), snapshot.get999thPercentile()};
        Family quantiles = families.gauge(base, name);
        for (int i = 0; i < QUANTILES.length; i++) {
            quantiles.add(labels.add("quantile", QUANTILES[i]), values[i]);
        }
    }

    private static void addAttribute(Families families, MetricName name, Labels labels, String attribute,
                                     Object value) {
        String prometheusName = StrimziNames.attribute(name.group(), name.type(), attribute);
        if (value instanceof String text) {
            // raft-metrics current-state: one sample of 1 whose label carries the state, as Strimzi's rule does
            String label = StrimziNames.label(attribute);
            families.untyped(prometheusName, name).add(labels.add(label, text), 1);
        } else if (value instanceof Number number) {
            if (attribute.endsWith("-total")) {
                families.counter(prometheusName.substring(0, prometheusName.length() - "_total".length()), name)
                        .add(labels, number.doubleValue());
            } else {
                families.gauge(prometheusName, name).add(labels, number.doubleValue());
            }
        }
    }

    private static Labels labels(MetricName name) {
        if (name.tags().isEmpty()) {
            return Labels.EMPTY;
        }
        Labels.Builder builder = Labels.builder();
        name.tags().forEach((key, value) -> builder.label(LABEL_NAMES.computeIfAbsent(key, StrimziNames::label),
                value));
        return builder.build();
    }

    private enum Kind { COUNTER, GAUGE, UNTYPED }

    /** The samples of one Prometheus metric family. */
    private static final class Family {
        final Kind kind;
        final String help;
        final List<Labels> labels = new ArrayList<>();
        final List<Double> values = new ArrayList<>();

        Family(Kind kind, String help) {
            this.kind = kind;
            this.help = help;
        }

        void add(Labels sampleLabels, double value) {
            labels.add(sampleLabels);
            values.add(value);
        }
    }

    private static final class Families {
        private final Map<String, Family> byName = new HashMap<>();

        Family counter(String name, MetricName source) {
            return family(name, Kind.COUNTER, source);
        }

        Family gauge(String name, MetricName source) {
            return family(name, Kind.GAUGE, source);
        }

        Family untyped(String name, MetricName source) {
            return family(name, Kind.UNTYPED, source);
        }

        private Family family(String name, Kind kind, MetricName source) {
            return byName.computeIfAbsent(name, n -> new Family(kind, help(source)));
        }

        private static String help(MetricName source) {
            return source.group() + ":type=" + source.type() + (source.name() == null ? "" : ",name=" + source.name());
        }

        MetricSnapshots build() {
            List<MetricSnapshot> snapshots = new ArrayList<>(byName.size());
            byName.forEach((name, family) -> snapshots.add(snapshot(name, family)));
            return new MetricSnapshots(snapshots);
        }

        private static MetricSnapshot snapshot(String name, Family family) {
            switch (family.kind) {
                case COUNTER -> {
                    CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(family.help);
                    for (int i = 0; i < family.values.size(); i++) {
                        builder.dataPoint(CounterDataPointSnapshot.builder().labels(family.labels.get(i))
                                .value(family.values.get(i)).build());
                    }
                    return builder.build();
                }
                case GAUGE -> {
                    GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(family.help);
                    for (int i = 0; i < family.values.size(); i++) {
                        builder.dataPoint(GaugeDataPointSnapshot.builder().labels(family.labels.get(i))
                                .value(family.values.get(i)).build());
                    }
                    return builder.build();
                }
                default -> {
                    UnknownSnapshot.Builder builder = UnknownSnapshot.builder().name(name).help(family.help);
                    for (int i = 0; i < family.values.size(); i++) {
                        builder.dataPoint(UnknownDataPointSnapshot.builder().labels(family.labels.get(i))
                                .value(family.values.get(i)).build());
                    }
                    return builder.build();
                }
            }
        }
    }
}
