package io.tributary.console.messages;

import io.tributary.console.http.ConsoleRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code GET /topics/{topic}/messages}: up to {@code limit} messages from a start position, read with a consumer of
 * the session (so the broker applies the user's ACLs), polling for at most about two seconds. {@code from=end}
 * gives the last {@code limit} messages spread over the partitions, newest last.
 */
final class Browse {

    static final int MAX_LIMIT = 1000;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_FOR_MS = 2000;

    private Browse() {
    }

    static Map<String, Object> handle(ConsoleRequest request) throws Exception {
        String topic = request.path("topic");
        StartPosition start = StartPosition.of(request, "beginning");
        int limit = (int) Math.max(1, Math.min(MAX_LIMIT, request.queryLong("limit", 50)));
        List<TopicPartition> partitions = TopicPartitions.selected(request, topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        try (KafkaConsumer<byte[], byte[]> consumer = request.session().clients().newConsumer()) {
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, CLIENT_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, CLIENT_TIMEOUT);
            Map<TopicPartition, Long> from = startOffsets(consumer, start, partitions, begin, end, limit);
            List<ConsumerRecord<byte[], byte[]>> records = read(consumer, from, end,
                    start.from() == StartPosition.From.END ? Integer.MAX_VALUE : limit);
            Map<String, Long> nextOffsets = new LinkedHashMap<>();
            from.forEach((tp, offset) -> nextOffsets.put(String.valueOf(tp.partition()), offset));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                nextOffsets.put(String.valueOf(record.partition()), record.offset() + 1);
            }
            if (start.from() == StartPosition.From.END) {
                records.sort(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                        .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("messages", records.stream().map(MessageJson::of).toList());
            out.put("nextOffsets", nextOffsets);
            return out;
        }
    }

    private static Map<TopicPartition, Long> startOffsets(KafkaConsumer<byte[], byte[]> consumer,
                                                          StartPosition start, List<TopicPartition> partitions,
                                                          Map<TopicPartition, Long> begin,
                                                          Map<TopicPartition, Long> end, int limit) {
        Map<TopicPartition, Long> from = new LinkedHashMap<>();
        switch (start.from()) {
            case BEGINNING -> partitions.forEach(tp -> from.put(tp, begin.get(tp)));
            case OFFSET -> partitions.forEach(tp -> from.put(tp,
                    Math.max(begin.get(tp), Math.min(end.get(tp), start.offset()))));
            case TIMESTAMP -> {
                Map<TopicPartition, Long> query = new HashMap<>();
                partitions.forEach(tp -> query.put(tp, start.timestamp()));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, CLIENT_TIMEOUT);
                partitions.forEach(tp -> {
                    OffsetAndTimestamp at = found.get(tp);
                    from.put(tp, at == null ? end.get(tp) : at.offset());
                });
            }
            case END -> from.putAll(lastMessages(partitions, begin, end, limit));
        }
        return from;
    }

    /** Spreads {@code limit} over the partitions (a message each in turn while they have any): where each starts. */
    static Map<TopicPartition, Long> lastMessages(List<TopicPartition> partitions, Map<TopicPartition, Long> begin,
                                                  Map<TopicPartition, Long> end, int limit) {
        Map<TopicPartition, Long> share = new HashMap<>();
        long left = limit;
        boolean gave = true;
        while (left > 0 && gave) {
            gave = false;
            for (TopicPartition tp : partitions) {
                long taken = share.getOrDefault(tp, 0L);
                if (left > 0 && taken < end.get(tp) - begin.get(tp)) {
                    share.put(tp, taken + 1);
                    left--;
                    gave = true;
                }
            }
        }
        Map<TopicPartition, Long> from = new LinkedHashMap<>();
        partitions.forEach(tp -> from.put(tp, end.get(tp) - share.getOrDefault(tp, 0L)));
        return from;
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer,
                                                             Map<TopicPartition, Long> from,
                                                             Map<TopicPartition, Long> end, int limit) {
        List<TopicPartition> pending = new ArrayList<>();
        from.forEach((tp, offset) -> {
            consumer.seek(tp, offset);
            if (offset < end.get(tp)) {
                pending.add(tp);
            }
        });
        consumer.pause(from.keySet().stream().filter(tp -> !pending.contains(tp)).toList());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.currentTimeMillis() + POLL_FOR_MS;
        while (!pending.isEmpty() && records.size() < limit && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(tp) && records.size() < limit) {
                    records.add(record);
                }
            }
            pending.removeIf(tp -> consumer.position(tp, CLIENT_TIMEOUT) >= end.get(tp));
        }
        return records;
    }
}
