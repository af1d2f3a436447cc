package io.tributary.server.metrics;

import com.codahale.metrics.Meter;
import io.tributary.metrics.AttributeSet;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.metrics.MetricName;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kafka's {@code kafka.server:type=socket-server-metrics,listener=L,networkProcessor=N} attributes: open
 * connections and the rate and total of connections created and closed, per listener and event loop (Tributary's
 * network processors). Rates are per second over about the last minute.
 */
final class ConnectionMetrics {

    private final KafkaMetrics metrics;
    private final ConcurrentMap<String, Processor> processors = new ConcurrentHashMap<>();

    ConnectionMetrics(KafkaMetrics metrics) {
        this.metrics = metrics;
    }

    void opened(String listener, int processor) {
        Processor p = processor(listener, processor);
        p.count.incrementAndGet();
        p.created.mark();
    }

    void closed(String listener, int processor) {
        Processor p = processor(listener, processor);
        p.count.decrementAndGet();
        p.closed.mark();
    }

    private Processor processor(String listener, int processor) {
        String key = listener + '/' + processor;
        Processor existing = processors.get(key);
        return existing != null ? existing : processors.computeIfAbsent(key, k -> new Processor(listener, processor));
    }

    private final class Processor {
        final AtomicInteger count = new AtomicInteger();
        final Meter created = new Meter();
        final Meter closed = new Meter();

        Processor(String listener, int processor) {
            AttributeSet attributes = new AttributeSet()
                    .add("connection-count", () -> (double) count.get())
                    .add("connection-creation-rate", created::getOneMinuteRate)
                    .add("connection-creation-total", () -> (double) created.getCount())
                    .add("connection-close-rate", closed::getOneMinuteRate)
                    .add("connection-close-total", () -> (double) closed.getCount());
            metrics.attributes(MetricName.of("kafka.server", "socket-server-metrics", null,
                    "listener", listener, "networkProcessor", Integer.toString(processor)), attributes);
        }
    }
}
