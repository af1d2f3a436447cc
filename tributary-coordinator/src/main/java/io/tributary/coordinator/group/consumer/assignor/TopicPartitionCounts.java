package io.tributary.coordinator.group.consumer.assignor;

import org.apache.kafka.common.Uuid;

/** Partition counts of the subscribed topics; a topic that doesn't exist (any more) has none. */
@FunctionalInterface
public interface TopicPartitionCounts {

    /** The number of partitions, or 0 when the topic is unknown. */
    int partitionCount(Uuid topicId);
}
