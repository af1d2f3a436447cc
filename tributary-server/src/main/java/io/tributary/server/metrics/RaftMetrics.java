package io.tributary.server.metrics;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.log.QuorumInfo;
import io.tributary.metrics.AttributeSet;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.metrics.MetricName;

/**
 * Kafka's {@code kafka.server:type=raft-metrics} attributes that the metadata log can tell: this node's role,
 * the leader, the epoch, the high watermark, this node's log end, commit latency and record rates. A single node's local log is a quorum of one
 * whose leader it always is. Read from the log's own description, at most once a second.
 */
final class RaftMetrics {

    private static final long CACHE_NS = 1_000_000_000L;

    private final MetadataLog log;
    private final int nodeId;
    private QuorumInfo cached;
    private long cachedAtNs;

    private RaftMetrics(MetadataLog log, int nodeId) {
        this.log = log;
        this.nodeId = nodeId;
    }

    /** Registers the attributes and returns the log to give the controller: the same, timed. */
    static MetadataLog register(KafkaMetrics metrics, MetadataLog log, int nodeId) {
        RaftMetrics raft = new RaftMetrics(log, nodeId);
        // Not registered anywhere: read only through the attributes below.
        KafkaMetrics own = new KafkaMetrics();
        Histogram commitLatency = own.histogram(MetricName.of("kafka.server", "raft-metrics", "commit-latency"));
        Meter appended = new Meter();
        Meter fetched = new Meter();
        metrics.attributes(MetricName.of("kafka.server", "raft-metrics", null), new AttributeSet()
                .add("current-state", raft::state)
                .add("current-leader", () -> (double) raft.info().leaderId())
                .add("current-epoch", () -> (double) raft.info().leaderEpoch())
                .add("high-watermark", () -> (double) raft.info().highWatermark())
                .add("log-end-offset", raft::logEnd)
                .add("commit-latency-avg", () -> commitLatency.getSnapshot().getMean())
                .add("commit-latency-max", () -> (double) commitLatency.getSnapshot().getMax())
                .add("append-records-rate", appended::getOneMinuteRate)
                .add("fetch-records-rate", fetched::getOneMinuteRate));
        return new ObservedMetadataLog(log, commitLatency, appended, fetched);
    }

    private Object state() {
        QuorumInfo quorum = info();
        int leader = quorum.leaderId();
        if (leader == nodeId) {
            return "leader";
        }
        // A broker-only node knows no voters of its own: it follows without voting, a KRaft observer.
        boolean voter = quorum.voters().stream().anyMatch(v -> v.nodeId() == nodeId);
        return leader < 0 ? "unattached" : voter ? "follower" : "observer";
    }

    private Object logEnd() {
        for (QuorumInfo.Voter voter : info().voters()) {
            if (voter.nodeId() == nodeId) {
                return (double) voter.logEndOffset();
            }
        }
        return -1.0;
    }

    private synchronized QuorumInfo info() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAtNs > CACHE_NS) {
            cached = log.describe();
            cachedAtNs = now;
        }
        return cached;
    }
}
