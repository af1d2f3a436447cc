package io.tributary.console.messages;

import io.tributary.console.http.ConsoleRequest;
import io.tributary.console.http.HttpError;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The partitions a messages call reads, from the session's Admin: an unknown topic is a 404 and a topic the user
 * may not describe a 403, as the broker answers them.
 */
final class TopicPartitions {

    private TopicPartitions() {
    }

    static List<TopicPartitionInfo> all(ConsoleRequest request, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription description = request.admin().describeTopics(List.of(topic)).allTopicNames()
                .get(15, TimeUnit.SECONDS).get(topic);
        return description.partitions();
    }

    /** {@code partition=<n>} or {@code all} (the default). */
    static List<TopicPartitionInfo> selected(ConsoleRequest request, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartitionInfo> partitions = all(request, topic);
        String partition = request.query("partition", "all");
        if ("all".equals(partition)) {
            return partitions;
        }
        int wanted;
        try {
            wanted = Integer.parseInt(partition);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("partition must be a number or all, not '" + partition + "'");
        }
        return partitions.stream().filter(p -> p.partition() == wanted).findFirst()
                .map(List::of)
                .orElseThrow(() -> new HttpError(404, "Topic " + topic + " has no partition " + wanted,
                        "UNKNOWN_TOPIC_OR_PARTITION"));
    }
}
