package io.tributary.broker.partition;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Quota;
import org.apache.kafka.common.metrics.QuotaViolationException;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.SimpleRate;

/**
 * One direction of KIP-73 replication throttling, as Kafka's ReplicationQuotaManager: the bytes of throttled
 * partitions replicated through this broker, as a rate over {@value #WINDOWS} one-second windows, against
 * {@code leader.replication.throttled.rate} or {@code follower.replication.throttled.rate}. Which partitions are
 * throttled comes from the topics' {@code *.replication.throttled.replicas} configs. Thread-safe: fetch handlers
 * and replica fetcher threads record and check concurrently while the metadata applier reconfigures it.
 */
public final class ReplicationQuota implements AutoCloseable {

    /** Kafka's replication.quota.window.num and .size.seconds defaults. */
    static final int WINDOWS = 11;
    static final int WINDOW_SECONDS = 1;

    /** Every partition of a topic is throttled (the config's {@code *}). */
    public static final Set<Integer> ALL_PARTITIONS = Set.of(-1);

    private final Metrics metrics = new Metrics(
            new MetricConfig().samples(WINDOWS).timeWindow(WINDOW_SECONDS, TimeUnit.SECONDS));
    private final MetricName rateName;
    private final Sensor sensor;
    private volatile long bytesPerSecond = Long.MAX_VALUE;
    private volatile Map<String, Set<Integer>> throttled = Map.of();

    public ReplicationQuota(String direction) {
        rateName = metrics.metricName("byte-rate", direction + "Replication", "Tracking " + direction
                + " replication byte-rate");
        sensor = metrics.sensor(direction + "Replication");
        sensor.add(rateName, new SimpleRate());
    }

    /** The bound in bytes per second; {@link Long#MAX_VALUE} (Kafka's default) means unthrottled. */
    public synchronized void setBytesPerSecond(long bound) {
        if (bound == bytesPerSecond) {
            return;
        }
        bytesPerSecond = bound;
        metrics.metric(rateName).config(new MetricConfig().samples(WINDOWS)
                .timeWindow(WINDOW_SECONDS, TimeUnit.SECONDS).quota(Quota.upperBound(bound)));
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** The throttled partitions by topic name ({@link #ALL_PARTITIONS} for every one). */
    public void setThrottled(Map<String, Set<Integer>> partitionsByTopic) {
        throttled = Map.copyOf(partitionsByTopic);
    }

    public boolean isThrottled(TopicPartition tp) {
        Set<Integer> partitions = throttled.get(tp.topic());
        return partitions != null && (partitions == ALL_PARTITIONS || partitions.contains(tp.partition()));
    }

    /** Whether the throttled bytes of the last windows already exceed the bound. */
    public boolean isQuotaExceeded() {
        if (bytesPerSecond == Long.MAX_VALUE) {
            return false;
        }
        try {
            sensor.checkQuotas();
            return false;
        } catch (QuotaViolationException e) {
            return true;
        }
    }

    /** Counts bytes of throttled partitions that were replicated. */
    public void record(long bytes) {
        if (bytes > 0) {
            sensor.record(bytes, System.currentTimeMillis(), false);
        }
    }


    @Override
    public void close() {
        metrics.close();
    }
}
