package io.tributary.it.support;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reading helpers for assign()-style consumers (the broker has no consumer groups yet). */
public final class Consuming {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private Consuming() {
    }

    public static List<TopicPartition> partitions(String topic, int count) {
        return IntStream.range(0, count).mapToObj(p -> new TopicPartition(topic, p)).collect(Collectors.toList());
    }

    /** Polls until exactly {@code count} records have arrived, failing (with what did arrive) after the timeout. */
    public static <K, V> List<ConsumerRecord<K, V>> pollExactly(KafkaConsumer<K, V> consumer, int count, Duration timeout) {
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(received::add);
        }
        if (received.size() != count) {
            fail("expected %d records within %s but got %d: %s", count, timeout, received.size(), received);
        }
        return received;
    }

    /** Assigns the partitions, rewinds to their beginning, and reads exactly {@code count} records. */
    public static <K, V> List<ConsumerRecord<K, V>> readFromBeginning(KafkaConsumer<K, V> consumer,
                                                                     Collection<TopicPartition> partitions, int count) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return pollExactly(consumer, count, DEFAULT_TIMEOUT);
    }

    /** Reads every partition from its beginning up to the end offsets the broker reports right now. */
    public static <K, V> List<ConsumerRecord<K, V>> readToEnd(KafkaConsumer<K, V> consumer,
                                                             Collection<TopicPartition> partitions) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions);
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        while (!reachedEnd(consumer, endOffsets)) {
            if (System.nanoTime() > deadline) {
                fail("did not reach end offsets %s within %s; got %d records", endOffsets, DEFAULT_TIMEOUT, received.size());
            }
            consumer.poll(Duration.ofMillis(100)).forEach(received::add);
        }
        return received;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> endOffsets) {
        return endOffsets.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    public static <K, V> List<V> values(List<ConsumerRecord<K, V>> records) {
        return records.stream().map(ConsumerRecord::value).collect(Collectors.toList());
    }

    public static <K, V> List<Long> offsets(List<ConsumerRecord<K, V>> records) {
        return records.stream().map(ConsumerRecord::offset).collect(Collectors.toList());
    }
}
