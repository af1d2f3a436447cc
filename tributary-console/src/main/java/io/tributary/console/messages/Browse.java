package io.tributary.console.messages;

import io.tributary.console.broker.AccessControl;
import io.tributary.console.broker.LocalLogs;
import io.tributary.console.broker.LocalLogs.LocalPartition;
import io.tributary.console.http.ConsoleRequest;
import io.tributary.console.http.HttpError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/**
 * {@code GET /topics/{topic}/messages}: up to {@code limit} messages from a start position. Partitions with a replica
 * on this node are read in place below their high watermark, after asking the broker's authorizer for READ on the
 * topic as the session's user (as search does); the others with a consumer of the session ({@link ConsumerBrowse}).
 * {@code from=end} gives the newest {@code limit} messages by timestamp, newest last.
 */
final class Browse {

    static final int MAX_LIMIT = 1000;

    private Browse() {
    }

    static Map<String, Object> handle(ConsoleRequest request, LocalLogs localLogs, AccessControl access)
            throws Exception {
        String topic = request.path("topic");
        StartPosition start = StartPosition.of(request, "beginning");
        int limit = (int) Math.max(1, Math.min(MAX_LIMIT, request.queryLong("limit", 50)));
        List<TopicPartition> partitions = TopicPartitions.selected(request, topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        String host = request.exchange().getRemoteAddress().getAddress().getHostAddress();
        if (!access.allowed(request.session().principal(), host, AclOperation.READ, ResourceType.TOPIC, topic)) {
            throw new HttpError(403, "Not authorized to read topic " + topic, "TOPIC_AUTHORIZATION_FAILED");
        }
        Map<TopicPartition, LocalPartition> local = new LinkedHashMap<>();
        List<TopicPartition> remote = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Optional<LocalPartition> replica = localLogs.partition(tp);
            if (replica.isPresent()) {
                local.put(tp, replica.get());
            } else {
                remote.add(tp);
            }
        }
        Map<Integer, Long> next = new HashMap<>();
        List<BrowsedMessage> messages = start.from() == StartPosition.From.END
                ? newest(request, local, remote, limit, next)
                : forward(request, start, local, remote, limit, next);
        Map<String, Long> nextOffsets = new LinkedHashMap<>();
        partitions.forEach(tp -> nextOffsets.put(String.valueOf(tp.partition()), next.get(tp.partition())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", messages.stream().map(BrowsedMessage::json).toList());
        out.put("nextOffsets", nextOffsets);
        return out;
    }

    /** The newest {@code limit} messages of all the partitions by timestamp; each continues from its end. */
    private static List<BrowsedMessage> newest(ConsoleRequest request, Map<TopicPartition, LocalPartition> local,
                                               List<TopicPartition> remote, int limit, Map<Integer, Long> next) {
        NewestMessages newest = new NewestMessages(limit);
        LocalLogReader reader = new LocalLogReader();
        local.forEach((tp, log) -> {
            long end = log.highWatermark();
            reader.newest(tp.partition(), log, end, limit, newest);
            next.put(tp.partition(), end);
        });
        if (!remote.isEmpty()) {
            for (BrowsedMessage message : readRemote(request, remote, new StartPosition(StartPosition.From.END,
                    -1, -1), limit, next)) {
                newest.offer(message);
            }
        }
        return newest.oldestFirst();
    }

    /** Up to {@code limit} messages from each partition's start position: local partitions first, in order. */
    private static List<BrowsedMessage> forward(ConsoleRequest request, StartPosition start,
                                                Map<TopicPartition, LocalPartition> local,
                                                List<TopicPartition> remote, int limit, Map<Integer, Long> next)
            throws Exception {
        Map<TopicPartition, Long> timestampOffsets = start.from() == StartPosition.From.TIMESTAMP && !local.isEmpty()
                ? offsetsForTimestamp(request, local.keySet(), start.timestamp()) : Map.of();
        List<BrowsedMessage> messages = new ArrayList<>();
        LocalLogReader reader = new LocalLogReader();
        for (Map.Entry<TopicPartition, LocalPartition> partition : local.entrySet()) {
            TopicPartition tp = partition.getKey();
            LocalPartition log = partition.getValue();
            long end = log.highWatermark();
            long logStart = log.logStartOffset();
            long from = switch (start.from()) {
                case OFFSET -> Math.max(logStart, Math.min(end, start.offset()));
                case TIMESTAMP -> {
                    long found = timestampOffsets.get(tp);
                    // no record at or after it: nothing to read; a follower's high watermark may be behind
                    yield found < 0 ? end : Math.max(logStart, Math.min(end, found));
                }
                default -> logStart;
            };
            next.put(tp.partition(), from);
            List<BrowsedMessage> read = reader.forward(tp.partition(), log, from, end, limit - messages.size());
            if (!read.isEmpty()) {
                next.put(tp.partition(), read.get(read.size() - 1).offset() + 1);
            }
            messages.addAll(read);
        }
        if (!remote.isEmpty()) {
            messages.addAll(readRemote(request, remote, start, limit - messages.size(), next));
        }
        return messages;
    }

    private static List<BrowsedMessage> readRemote(ConsoleRequest request, List<TopicPartition> remote,
                                                   StartPosition start, int limit, Map<Integer, Long> next) {
        try (KafkaConsumer<byte[], byte[]> consumer = request.session().clients().newConsumer()) {
            ConsumerBrowse.Result result = ConsumerBrowse.read(consumer, remote, start, limit);
            result.from().forEach((tp, offset) -> next.put(tp.partition(), offset));
            List<BrowsedMessage> messages = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : result.records()) {
                next.put(record.partition(), record.offset() + 1);
                messages.add(new BrowsedMessage(record.partition(), record.offset(), record.timestamp(),
                        MessageJson.of(record)));
            }
            return messages;
        }
    }

    /** The first offset at or after the timestamp of each local partition (-1: none), in one ListOffsets. */
    private static Map<TopicPartition, Long> offsetsForTimestamp(ConsoleRequest request,
                                                                 Iterable<TopicPartition> partitions, long timestamp)
            throws Exception {
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, OffsetSpec.forTimestamp(timestamp)));
        Map<TopicPartition, ListOffsetsResultInfo> found = request.admin().listOffsets(query).all()
                .get(15, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }
}
