package io.tributary.console.topics;

import static io.tributary.console.http.AdminFutures.await;

import io.tributary.console.http.AdminFutures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * {@code GET /topics}: every topic the user may describe, with its partition health, size and message count. Three
 * rounds of calls whatever the number of topics: the names and the brokers; the descriptions and the log dirs; the
 * start and end offsets of all partitions (one ListOffsets each).
 */
final class TopicList {

    private TopicList() {
    }

    static Map<String, Object> list(Admin admin, String filter, boolean internal) throws Exception {
        KafkaFuture<Set<String>> listed = admin.listTopics(new ListTopicsOptions().listInternal(internal)
                .timeoutMs(AdminFutures.TIMEOUT_MS)).names();
        KafkaFuture<Collection<Node>> nodes = admin.describeCluster(
                new DescribeClusterOptions().timeoutMs(AdminFutures.TIMEOUT_MS)).nodes();
        String needle = filter == null ? "" : filter.toLowerCase(Locale.ROOT);
        List<String> names = await(listed).stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).contains(needle))
                .sorted()
                .toList();
        if (names.isEmpty()) {
            return Map.of("topics", List.of());
        }
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(names,
                new DescribeTopicsOptions().timeoutMs(AdminFutures.TIMEOUT_MS)).topicNameValues();
        LeaderSizes sizes = LeaderSizes.start(admin, await(nodes).stream().map(Node::id).toList());

        List<TopicDescription> topics = new ArrayList<>();
        List<TopicPartition> led = new ArrayList<>();
        for (String name : names) {
            TopicDescription topic = describedOrNull(described.get(name));
            if (topic == null) {
                continue;
            }
            topics.add(topic);
            for (TopicPartitionInfo p : topic.partitions()) {
                if (TopicDetails.hasLeader(p)) {
                    led.add(new TopicPartition(name, p.partition()));
                }
            }
        }
        Map<TopicPartition, PartitionOffsets.Range> offsets = PartitionOffsets.start(admin, led).await();
        Map<Integer, Map<TopicPartition, Long>> sizeByBroker = sizes.await();

        List<Map<String, Object>> out = new ArrayList<>(topics.size());
        for (TopicDescription topic : topics) {
            out.add(summary(topic, offsets, sizeByBroker));
        }
        out.sort(Comparator.comparing(m -> (String) m.get("name")));
        return Map.of("topics", out);
    }

    private static Map<String, Object> summary(TopicDescription topic,
                                               Map<TopicPartition, PartitionOffsets.Range> offsets,
                                               Map<Integer, Map<TopicPartition, Long>> sizes) {
        int underReplicated = 0;
        int offline = 0;
        int replicationFactor = 0;
        Long sizeBytes = null;
        Long messages = null;
        for (TopicPartitionInfo p : topic.partitions()) {
            TopicPartition tp = new TopicPartition(topic.name(), p.partition());
            replicationFactor = Math.max(replicationFactor, p.replicas().size());
            if (p.isr().size() < p.replicas().size()) {
                underReplicated++;
            }
            if (!TopicDetails.hasLeader(p)) {
                offline++;
                continue;
            }
            Long size = LeaderSizes.sizeOf(sizes, p.leader().id(), tp);
            if (size != null) {
                sizeBytes = (sizeBytes == null ? 0 : sizeBytes) + size;
            }
            Long count = offsets.getOrDefault(tp, PartitionOffsets.Range.UNKNOWN).messages();
            if (count != null) {
                messages = (messages == null ? 0 : messages) + count;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", topic.name());
        out.put("topicId", topic.topicId() == null ? null : topic.topicId().toString());
        out.put("internal", topic.isInternal());
        out.put("partitions", topic.partitions().size());
        out.put("replicationFactor", replicationFactor);
        out.put("underReplicated", underReplicated);
        out.put("offline", offline);
        out.put("sizeBytes", sizeBytes);
        out.put("messages", messages);
        return out;
    }

    /** A topic deleted between the listing and its description is left out. */
    private static TopicDescription describedOrNull(KafkaFuture<TopicDescription> future) throws Exception {
        try {
            return await(future);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }
}
