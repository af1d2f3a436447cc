package io.tributary.coordinator.transaction;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * One shard's transactions whose markers wait for a destination: the partition's leader, or its inter-broker
 * endpoint, was not known at the last attempt, and the marker waits for its retry. Kafka's
 * {@code UnknownDestinationQueueSize} counts such a transaction's markers as one entry (they are grouped by
 * destination), so this counts transactions, into a count shared by all shards. Only on the event thread, except
 * the shared count.
 */
final class UnknownDestinationMarkers {

    private final Map<String, Set<TopicPartition>> waiting = new HashMap<>();
    private final AtomicInteger brokerWide;

    UnknownDestinationMarkers(AtomicInteger brokerWide) {
        this.brokerWide = brokerWide;
    }

    void waiting(String transactionalId, TopicPartition partition) {
        Set<TopicPartition> partitions = waiting.computeIfAbsent(transactionalId, id -> new HashSet<>());
        if (partitions.isEmpty()) {
            brokerWide.incrementAndGet();
        }
        partitions.add(partition);
    }

    /** The partition's marker found its destination, or is no longer sent. */
    void settled(String transactionalId, TopicPartition partition) {
        Set<TopicPartition> partitions = waiting.get(transactionalId);
        if (partitions != null && partitions.remove(partition) && partitions.isEmpty()) {
            waiting.remove(transactionalId);
            brokerWide.decrementAndGet();
        }
    }

    /** The shard is unloaded: its markers are no longer sent from here. */
    void clear() {
        brokerWide.addAndGet(-waiting.size());
        waiting.clear();
    }
}
