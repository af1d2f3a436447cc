package io.tributary.console.messages;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Browses partitions without a replica on this node with a consumer of the session (so their leaders apply the
 * user's ACLs): assign and seek, polling for at most about two seconds. {@code from=end} reads each partition's last
 * {@code limit} records; the caller keeps the newest.
 */
final class ConsumerBrowse {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_FOR_MS = 2000;

    /** What was read, and where each partition's read started. */
    record Result(List<ConsumerRecord<byte[], byte[]>> records, Map<TopicPartition, Long> from) {
    }

    private ConsumerBrowse() {
    }

    /** Up to {@code limit} records ({@code from=end}: up to {@code limit} of each partition). */
    static Result read(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, StartPosition start,
                       int limit) {
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, CLIENT_TIMEOUT);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, CLIENT_TIMEOUT);
        Map<TopicPartition, Long> from = startOffsets(consumer, start, partitions, begin, end, limit);
        boolean fromEnd = start.from() == StartPosition.From.END;
        return new Result(poll(consumer, from, end, fromEnd ? Integer.MAX_VALUE : limit), from);
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
            // Any of a partition's last `limit` records may be among the newest `limit` of all.
            case END -> partitions.forEach(tp -> from.put(tp, Math.max(begin.get(tp), end.get(tp) - limit)));
        }
        return from;
    }

    private static List<ConsumerRecord<byte[], byte[]>> poll(KafkaConsumer<byte[], byte[]> consumer,
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
