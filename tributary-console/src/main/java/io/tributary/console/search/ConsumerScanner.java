package io.tributary.console.search;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Scans a partition this node holds no replica of: a consumer (of the user's session, so the broker checks its
 * ACLs) reads it from its leader up to the end offset at the start, and each record is judged here like a local
 * one. The bytes it counts are the records' key and value sizes.
 */
public final class ConsumerScanner {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RecordMatcher matcher;
    private final SearchBudget budget;
    private final MatchSink sink;

    public ConsumerScanner(KafkaConsumer<byte[], byte[]> consumer, RecordMatcher matcher, SearchBudget budget,
                           MatchSink sink) {
        this.consumer = consumer;
        this.matcher = matcher;
        this.budget = budget;
        this.sink = sink;
    }

    public void scan(TopicPartition tp, long from) {
        List<TopicPartition> one = List.of(tp);
        consumer.assign(one);
        long begin = consumer.beginningOffsets(one, CLIENT_TIMEOUT).get(tp);
        long end = consumer.endOffsets(one, CLIENT_TIMEOUT).get(tp);
        long offset = Math.max(from, begin);
        if (offset >= end) {
            return;
        }
        consumer.seek(tp, offset);
        while (!budget.exhausted()) {
            if (!sink.progress()) {
                budget.cancel();
                return;
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() >= end) {
                    return;
                }
                budget.scanned(Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize()), 1);
                if (matcher.matches(record)) {
                    budget.matched();
                    if (!sink.match(record)) {
                        budget.cancel();
                    }
                    if (budget.exhausted()) {
                        return;
                    }
                }
            }
            if (consumer.position(tp, CLIENT_TIMEOUT) >= end) {
                return;
            }
        }
    }
}
