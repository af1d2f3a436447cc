package io.tributary.console.topics;

import io.tributary.console.http.AdminFutures;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeLogDirsOptions;
import org.apache.kafka.clients.admin.DescribeLogDirsResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Partition sizes on disk from DescribeLogDirs (one request per broker, all sent together): a partition's size is
 * its leader replica's, as kafka-log-dirs reports it; a broker that does not answer (down, or the user lacks
 * DESCRIBE on the cluster) leaves its partitions' sizes unknown.
 */
final class LeaderSizes {

    private final Map<Integer, KafkaFuture<Map<String, LogDirDescription>>> brokers;

    private LeaderSizes(Map<Integer, KafkaFuture<Map<String, LogDirDescription>>> brokers) {
        this.brokers = brokers;
    }

    static LeaderSizes start(Admin admin, Collection<Integer> brokerIds) {
        if (brokerIds.isEmpty()) {
            return new LeaderSizes(Map.of());
        }
        DescribeLogDirsResult result = admin.describeLogDirs(brokerIds,
                new DescribeLogDirsOptions().timeoutMs(AdminFutures.TIMEOUT_MS));
        return new LeaderSizes(result.descriptions());
    }

    /** Per broker, the size of each partition it holds (the current replica; a future one being moved is left out). */
    Map<Integer, Map<TopicPartition, Long>> await() throws InterruptedException {
        Map<Integer, Map<TopicPartition, Long>> out = new HashMap<>();
        for (var broker : brokers.entrySet()) {
            Map<String, LogDirDescription> dirs;
            try {
                dirs = AdminFutures.await(broker.getValue());
            } catch (ExecutionException e) {
                continue;
            }
            Map<TopicPartition, Long> sizes = new HashMap<>();
            for (LogDirDescription dir : dirs.values()) {
                if (dir.error() != null) {
                    continue;
                }
                for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    if (!replica.getValue().isFuture()) {
                        sizes.put(replica.getKey(), replica.getValue().size());
                    }
                }
            }
            out.put(broker.getKey(), sizes);
        }
        return out;
    }

    /** The leader's size of a partition, or null when unknown. */
    static Long sizeOf(Map<Integer, Map<TopicPartition, Long>> sizes, Integer leader, TopicPartition tp) {
        if (leader == null) {
            return null;
        }
        Map<TopicPartition, Long> broker = sizes.get(leader);
        return broker == null ? null : broker.get(tp);
    }
}
