package io.tributary.server.metrics;

import io.tributary.coordinator.runtime.PartitionLoadListener;
import io.tributary.coordinator.transaction.TransactionCoordinatorService;
import io.tributary.metrics.AttributeSet;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.metrics.MetricName;
import io.tributary.metrics.WindowedMaxAvg;

/**
 * Kafka's transaction coordinator metrics: {@code kafka.server:type=transaction-coordinator-metrics}
 * ({@code partition-load-time-max} and {@code -avg}: how long {@code __transaction_state} partitions took to load,
 * over the last 30 to 60 s, NaN when none loaded then) and
 * {@code kafka.coordinator.transaction:type=TransactionMarkerChannelManager,name=UnknownDestinationQueueSize}
 * (transactions whose markers wait for an unknown leader or endpoint) and {@code LogAppendRetryQueueSize}
 * (transactions whose completion record waits to be appended again).
 */
public final class TransactionCoordinatorMetrics {

    private final KafkaMetrics metrics;
    private final WindowedMaxAvg loadTimes = new WindowedMaxAvg();

    TransactionCoordinatorMetrics(KafkaMetrics metrics) {
        this.metrics = metrics;
        metrics.attributes(MetricName.of("kafka.server", "transaction-coordinator-metrics", null), new AttributeSet()
                .add("partition-load-time-max", () -> loadTimes.max(System.currentTimeMillis()))
                .add("partition-load-time-avg", () -> loadTimes.avg(System.currentTimeMillis())));
    }

    /** For the coordinator: each partition's load time. */
    public PartitionLoadListener loadListener() {
        return (partition, loadTimeMs, nowMs) -> loadTimes.record(loadTimeMs, nowMs);
    }

    /** Registers the gauges read from the running coordinator. */
    public void watch(TransactionCoordinatorService coordinator) {
        String group = "kafka.coordinator.transaction";
        String type = "TransactionMarkerChannelManager";
        metrics.gauge(MetricName.of(group, type, "UnknownDestinationQueueSize"),
                coordinator::markersAwaitingDestination);
        metrics.gauge(MetricName.of(group, type, "LogAppendRetryQueueSize"), coordinator::completionsAwaitingAppend);
    }
}
