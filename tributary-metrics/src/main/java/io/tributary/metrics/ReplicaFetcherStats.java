package io.tributary.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The follower side of replication as Kafka reports it: {@code kafka.server:type=ReplicaFetcherManager,
 * name=MaxLag,clientId=Replica} (the largest lag, in records, of the partitions followed here: the leader's high
 * watermark minus this replica's log end after the last fetch) and the bytes written from leaders
 * ({@code ReplicationBytesInPerSec}). Updated by the replica fetcher threads, once per partition of a fetch.
 */
public final class ReplicaFetcherStats {

    private final BrokerTopicStats topicStats;
    private final ConcurrentMap<Object, Long> lags = new ConcurrentHashMap<>();

    public ReplicaFetcherStats(KafkaMetrics metrics, BrokerTopicStats topicStats) {
        this.topicStats = topicStats;
        metrics.gauge(MetricName.of("kafka.server", "ReplicaFetcherManager", "MaxLag", "clientId", "Replica"),
                this::maxLag);
    }

    /** Stats nobody reads: for fetchers built without a broker (unit tests). */
    public static ReplicaFetcherStats detached() {
        KafkaMetrics metrics = new KafkaMetrics();
        return new ReplicaFetcherStats(metrics, new BrokerTopicStats(metrics));
    }

    /** A partition's fetched data was written: {@code bytes} of records, {@code lag} records still behind. */
    public void fetched(Object partition, int bytes, long lag) {
        lags.put(partition, Math.max(0, lag));
        if (bytes > 0) {
            topicStats.replicated(bytes);
        }
    }

    /** The partition is no longer followed here. */
    public void unfollowed(Object partition) {
        lags.remove(partition);
    }

    private long maxLag() {
        long max = 0;
        for (long lag : lags.values()) {
            max = Math.max(max, lag);
        }
        return max;
    }
}
