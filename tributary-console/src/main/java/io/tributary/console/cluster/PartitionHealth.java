package io.tributary.console.cluster;

import io.tributary.console.http.AdminFutures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * The overview's partition counts: all, under-replicated (ISR smaller than the replicas), offline (no leader) and
 * under min ISR (ISR smaller than the topic's effective {@code min.insync.replicas}, Kafka's UnderMinIsr), over
 * every topic the user may describe. {@code underMinIsr} counts the topics whose configs could be read; it is null
 * when none could.
 */
public record PartitionHealth(int total, int underReplicated, int offline, Integer underMinIsr) {

    /** The describe calls in flight, sent together: all topics, and the configs of those not in the cache. */
    static final class Pending {
        private final Admin admin;
        private final KafkaPrincipal principal;
        private final MinIsrCache cache;
        private final Map<String, KafkaFuture<TopicDescription>> topics;
        private final Map<ConfigResource, KafkaFuture<Config>> configs;

        private Pending(Admin admin, KafkaPrincipal principal, MinIsrCache cache,
                        Map<String, KafkaFuture<TopicDescription>> topics,
                        Map<ConfigResource, KafkaFuture<Config>> configs) {
            this.admin = admin;
            this.principal = principal;
            this.cache = cache;
            this.topics = topics;
            this.configs = configs;
        }

        PartitionHealth await() throws InterruptedException, ExecutionException {
            List<TopicDescription> described = new ArrayList<>();
            for (KafkaFuture<TopicDescription> future : topics.values()) {
                TopicDescription topic = describedOrNull(future);
                if (topic != null) {
                    described.add(topic);
                }
            }
            Map<String, Integer> minIsr = minIsr(described, configs);
            int total = 0;
            int underReplicated = 0;
            int offline = 0;
            int underMinIsr = 0;
            for (TopicDescription topic : described) {
                Integer topicMinIsr = minIsr.get(topic.name());
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
            return new PartitionHealth(total, underReplicated, offline, minIsr.isEmpty() && !described.isEmpty()
                    ? null : underMinIsr);
        }

        /**
         * Each topic's effective min.insync.replicas: just read, or kept; a kept value of an earlier topic of the
         * same name is read again. A topic whose configs the user may not read is left out.
         */
        private Map<String, Integer> minIsr(List<TopicDescription> described,
                                            Map<ConfigResource, KafkaFuture<Config>> justRead)
                throws InterruptedException {
            Map<String, TopicDescription> byName = new HashMap<>();
            described.forEach(t -> byName.put(t.name(), t));
            Map<String, Integer> out = new HashMap<>();
            read(byName, justRead, out);
            List<String> again = new ArrayList<>();
            for (TopicDescription topic : described) {
                if (!out.containsKey(topic.name())) {
                    Optional<Integer> kept = cache.get(principal, topic.name(), topic.topicId());
                    if (kept.isPresent()) {
                        out.put(topic.name(), kept.get());
                    } else if (!justRead.containsKey(resource(topic.name()))) {
                        again.add(topic.name());
                    }
                }
            }
            if (!again.isEmpty()) {
                read(byName, describeConfigs(admin, again), out);
            }
            return out;
        }

        private void read(Map<String, TopicDescription> described, Map<ConfigResource, KafkaFuture<Config>> configs,
                          Map<String, Integer> out) throws InterruptedException {
            for (Map.Entry<ConfigResource, KafkaFuture<Config>> entry : configs.entrySet()) {
                TopicDescription topic = described.get(entry.getKey().name());
                if (topic == null) {
                    continue;
                }
                try {
                    ConfigEntry value = AdminFutures.await(entry.getValue())
                            .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
                    if (value != null && value.value() != null) {
                        int minIsr = Integer.parseInt(value.value());
                        out.put(topic.name(), minIsr);
                        cache.put(principal, topic.name(), topic.topicId(), minIsr);
                    }
                } catch (ExecutionException | NumberFormatException e) {
                    // unknown for this topic: it counts in no under-min-ISR total
                }
            }
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
    }

    /** Describes all topics and, in the same breath, the configs of those whose min ISR is not kept. */
    static Pending start(Admin admin, KafkaPrincipal principal, MinIsrCache cache, Collection<String> topicNames) {
        if (topicNames.isEmpty()) {
            return new Pending(admin, principal, cache, Map.of(), Map.of());
        }
        var topics = admin.describeTopics(topicNames, new DescribeTopicsOptions().timeoutMs(AdminFutures.TIMEOUT_MS))
                .topicNameValues();
        List<String> stale = cache.stale(principal, topicNames);
        return new Pending(admin, principal, cache, topics, stale.isEmpty() ? Map.of() : describeConfigs(admin, stale));
    }

    private static Map<ConfigResource, KafkaFuture<Config>> describeConfigs(Admin admin, List<String> topics) {
        return admin.describeConfigs(topics.stream().map(PartitionHealth::resource).toList(),
                new DescribeConfigsOptions().timeoutMs(AdminFutures.TIMEOUT_MS)).values();
    }

    private static ConfigResource resource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }
}
