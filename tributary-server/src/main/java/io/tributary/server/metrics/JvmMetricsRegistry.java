package io.tributary.server.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The JVM and process metrics, registered once per JVM: the Prometheus client keeps every registry it instruments
 * (and its GC listeners) for the life of the JVM, so brokers started and stopped in one JVM (tests, embedded use)
 * share these instead of each leaving its own behind. Instrumented at the first scrape, not at start-up: it reads
 * the JVM's management beans, whose first use costs a start tens of milliseconds.
 */
final class JvmMetricsRegistry {

    private JvmMetricsRegistry() {
    }

    /** A collector reading the shared JVM metrics, for a broker's own registry. */
    static MultiCollector collector() {
        return () -> Shared.REGISTRY.scrape();
    }

    /** Initialised on first use only (the holder-class idiom). */
    private static final class Shared {
        static final PrometheusRegistry REGISTRY = new PrometheusRegistry();

        static {
            JvmMetrics.builder().register(REGISTRY);
        }
    }
}
