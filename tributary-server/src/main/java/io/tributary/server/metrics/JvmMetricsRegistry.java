package io.tributary.server.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The JVM and process metrics, registered once per JVM: the Prometheus client keeps every registry it instruments
 * (and its GC listeners) for the life of the JVM, so brokers started and stopped in one JVM (tests, embedded use)
 * share these instead of each leaving its own behind.
 */
final class JvmMetricsRegistry {

    private static final PrometheusRegistry REGISTRY = new PrometheusRegistry();

    static {
        JvmMetrics.builder().register(REGISTRY);
    }

    private JvmMetricsRegistry() {
    }

    /** A collector reading the shared JVM metrics, for a broker's own registry. */
    static MultiCollector collector() {
        return REGISTRY::scrape;
    }
}
