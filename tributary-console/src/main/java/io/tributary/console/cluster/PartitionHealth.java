package io.tributary.console.cluster;

import io.tributary.console.http.AdminFutures;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The overview's partition counts: all, under-replicated (ISR smaller than the replicas), offline (no leader) and
 * under min ISR (ISR smaller than the topic's effective {@code min.insync.replicas}, Kafka's UnderMinIsr), over
 * every topic the user may describe. {@code underMinIsr} counts the topics whose configs could be read; it is null
 * when none could.
 */
public record PartitionHealth(int total, int underReplicated, int offline, Integer underMinIsr) {

    /** The two describe calls in flight, sent together. */
    record Pending(Map<String, KafkaFuture<TopicDescription>> topics,
                   Map<ConfigResource, KafkaFuture<Config>> configs) {

        PartitionHealth await() throws InterruptedException, ExecutionException {
            Map<String, Integer> minIsr = minIsr();
            int total = 0;
            int underReplicated = 0;
            int offline = 0;
            int underMinIsr = 0;
            for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : topics.entrySet()) {
                TopicDescription topic = describedOrNull(entry.getValue());
                if (topic == null) {
                    continue;
                }
                Integer topicMinIsr = minIsr.get(entry.getKey());
                for (TopicPartitionInfo partition : topic.partitions()) {
                    total++;
                    if (partition.isr().size() < partition.replicas().size()) {
                        underReplicated++;
                    }
                    if (partition.leader() == null || partition.leader().isEmpty()) {
                        offline++;
                    }
                    if (topicMinIsr != null && partition.isr().size() < topicMinIsr) {
                        underMinIsr++;
                    }
                }
            }
            return new PartitionHealth(total, underReplicated, offline, minIsr.isEmpty() && !topics.isEmpty()
                    ? null : underMinIsr);
        }

        /** A topic deleted since it was listed is left out. */
        private static TopicDescription describedOrNull(KafkaFuture<TopicDescription> future)
                throws InterruptedException, ExecutionException {
            try {
                return AdminFutures.await(future);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return null;
                }
                throw e;
            }
        }

        /** Each topic's effective min.insync.replicas; a topic the user may not describe configs of is left out. */
        private Map<String, Integer> minIsr() throws InterruptedException {
            Map<String, Integer> out = new HashMap<>();
            for (Map.Entry<ConfigResource, KafkaFuture<Config>> entry : configs.entrySet()) {
                try {
                    ConfigEntry value = AdminFutures.await(entry.getValue()).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
                    if (value != null && value.value() != null) {
                        out.put(entry.getKey().name(), Integer.parseInt(value.value()));
                    }
                } catch (ExecutionException | NumberFormatException e) {
                    // unknown for this topic: it counts in no under-min-ISR total
                }
            }
            return out;
        }
    }

    /** Describes the topics and their configs at once (one DescribeConfigs request for all topics). */
    static Pending start(Admin admin, Collection<String> topicNames) {
        if (topicNames.isEmpty()) {
            return new Pending(Map.of(), Map.of());
        }
        var topics = admin.describeTopics(topicNames, new DescribeTopicsOptions().timeoutMs(AdminFutures.TIMEOUT_MS))
                .topicNameValues();
        List<ConfigResource> resources = topicNames.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        var configs = admin.describeConfigs(resources, new DescribeConfigsOptions()
                .timeoutMs(AdminFutures.TIMEOUT_MS)).values();
        return new Pending(topics, configs);
    }
}
