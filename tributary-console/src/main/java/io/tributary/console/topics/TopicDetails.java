package io.tributary.console.topics;

import static io.tributary.console.http.AdminFutures.await;

import io.tributary.console.http.AdminFutures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/**
 * {@code GET /topics/{topic}}: its partitions (leader, replicas, ISR, replicas on brokers that are not alive,
 * offsets, the leader's size) and its configs. Two rounds: the description, configs and live brokers; then the
 * offsets of all partitions and the leaders' log dirs.
 */
final class TopicDetails {

    private TopicDetails() {
    }

    static boolean hasLeader(TopicPartitionInfo partition) {
        return partition.leader() != null && !partition.leader().isEmpty() && partition.leader().id() >= 0;
    }

    static Map<String, Object> describe(Admin admin, String name) throws Exception {
        KafkaFuture<TopicDescription> described = admin.describeTopics(List.of(name),
                new DescribeTopicsOptions().timeoutMs(AdminFutures.TIMEOUT_MS)).topicNameValues().get(name);
        KafkaFuture<Config> config = configs(admin, name);
        KafkaFuture<Collection<Node>> nodes = admin.describeCluster(
                new DescribeClusterOptions().timeoutMs(AdminFutures.TIMEOUT_MS)).nodes();
        TopicDescription topic = await(described);

        List<TopicPartition> led = new ArrayList<>();
        Set<Integer> leaders = new TreeSet<>();
        for (TopicPartitionInfo p : topic.partitions()) {
            if (hasLeader(p)) {
                led.add(new TopicPartition(name, p.partition()));
                leaders.add(p.leader().id());
            }
        }
        PartitionOffsets offsets = PartitionOffsets.start(admin, led);
        LeaderSizes sizes = LeaderSizes.start(admin, leaders);
        Set<Integer> alive = await(nodes).stream().map(Node::id).collect(Collectors.toSet());
        Map<TopicPartition, PartitionOffsets.Range> ranges = offsets.await();
        Map<Integer, Map<TopicPartition, Long>> sizeByBroker = sizes.await();

        List<Map<String, Object>> partitions = topic.partitions().stream()
                .sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
                .map(p -> partition(name, p, alive, ranges, sizeByBroker))
                .toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", topic.name());
        out.put("topicId", topic.topicId() == null ? null : topic.topicId().toString());
        out.put("internal", topic.isInternal());
        out.put("partitions", partitions);
        out.put("configs", configEntries(await(config)));
        return out;
    }

    static KafkaFuture<Config> configs(Admin admin, String name) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        return admin.describeConfigs(List.of(resource), new DescribeConfigsOptions()
                .includeSynonyms(false).includeDocumentation(false).timeoutMs(AdminFutures.TIMEOUT_MS))
                .values().get(resource);
    }

    private static Map<String, Object> partition(String topic, TopicPartitionInfo p, Set<Integer> alive,
                                                 Map<TopicPartition, PartitionOffsets.Range> ranges,
                                                 Map<Integer, Map<TopicPartition, Long>> sizes) {
        TopicPartition tp = new TopicPartition(topic, p.partition());
        PartitionOffsets.Range range = ranges.getOrDefault(tp, PartitionOffsets.Range.UNKNOWN);
        Integer leader = hasLeader(p) ? p.leader().id() : null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("partition", p.partition());
        out.put("leader", leader);
        out.put("replicas", ids(p.replicas()));
        out.put("isr", ids(p.isr()));
        out.put("offline", p.replicas().stream().map(Node::id).filter(id -> !alive.contains(id)).toList());
        out.put("startOffset", range.start());
        out.put("endOffset", range.end());
        out.put("sizeBytes", LeaderSizes.sizeOf(sizes, leader, tp));
        return out;
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    /** Sorted by name; a sensitive value is never sent (the broker does not send it either). */
    static List<Map<String, Object>> configEntries(Config config) {
        return config.entries().stream()
                .sorted(Comparator.comparing(ConfigEntry::name))
                .map(e -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("name", e.name());
                    out.put("value", e.isSensitive() ? null : e.value());
                    out.put("source", e.source() == null ? null : e.source().name());
                    out.put("isDefault", e.isDefault());
                    out.put("readOnly", e.isReadOnly());
                    out.put("sensitive", e.isSensitive());
                    return out;
                })
                .toList();
    }
}
