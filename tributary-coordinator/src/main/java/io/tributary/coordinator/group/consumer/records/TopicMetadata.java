package io.tributary.coordinator.group.consumer.records;

import org.apache.kafka.common.Uuid;

/** A topic a consumer group subscribes to, as the group last saw it: its epoch bumps when this changes. */
public record TopicMetadata(Uuid topicId, String topicName, int partitionCount) {
}
