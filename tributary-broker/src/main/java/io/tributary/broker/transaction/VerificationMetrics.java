package io.tributary.broker.transaction;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.metrics.MetricName;

/**
 * Kafka's KIP-890 verification metrics, under the names of its {@code AddPartitionsToTxnManager}:
 * {@code kafka.server:type=AddPartitionsToTxnManager,name=VerificationTimeMs} (a histogram of how long each ask of
 * the transaction coordinator took, verify-only and transaction version 2 adds alike) and
 * {@code name=VerificationFailureRate} (a meter of the partitions the coordinator did not confirm, event type
 * "failures").
 */
public final class VerificationMetrics {

    static final String GROUP = "kafka.server";
    static final String TYPE = "AddPartitionsToTxnManager";

    private final Histogram timeMs;
    private final Meter failures;

    public VerificationMetrics(KafkaMetrics metrics) {
        this.timeMs = metrics.histogram(MetricName.of(GROUP, TYPE, "VerificationTimeMs"));
        this.failures = metrics.meter(MetricName.of(GROUP, TYPE, "VerificationFailureRate"), "failures");
    }

    void record(long elapsedMs, int failedPartitions) {
        timeMs.update(elapsedMs);
        if (failedPartitions > 0) {
            failures.mark(failedPartitions);
        }
    }
}
