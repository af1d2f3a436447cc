package io.tributary.broker.fetch;

import io.tributary.metrics.BrokerTopicStats;
import io.tributary.metrics.BrokerTopicStats.TopicMeters;
import java.util.List;
import org.apache.kafka.common.protocol.Errors;

/**
 * Counts a fetch's answered partitions in {@code BrokerTopicMetrics}: one look-up per run of partitions of the same
 * topic (a response groups them), one mark per partition.
 */
final class FetchStats {

    private final BrokerTopicStats stats;

    FetchStats(BrokerTopicStats stats) {
        this.stats = stats;
    }

    void consumer(List<PartitionRead> reads) {
        record(reads, false);
    }

    void follower(List<PartitionRead> reads) {
        record(reads, true);
    }

    private void record(List<PartitionRead> reads, boolean follower) {
        String topic = null;
        TopicMeters meters = null;
        for (int i = 0; i < reads.size(); i++) {
            PartitionRead read = reads.get(i);
            String name = read.target().partition().topic();
            short error = read.data().errorCode();
            if (read.target().topicUnknown() || name == null || name.isEmpty()
                    || error == Errors.UNKNOWN_TOPIC_OR_PARTITION.code()) {
                continue; // not a topic of this cluster: no meters for names a client made up (as Kafka)
            }
            if (!name.equals(topic)) {
                topic = name;
                meters = stats.topic(name);
            }
            boolean failed = error != Errors.NONE.code();
            if (follower) {
                stats.followerFetched(meters, read.bytes(), failed);
            } else {
                stats.fetched(meters, read.bytes(), failed);
            }
        }
    }
}
