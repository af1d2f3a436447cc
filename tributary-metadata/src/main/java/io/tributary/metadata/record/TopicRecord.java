package io.tributary.metadata.record;

import org.apache.kafka.common.Uuid;

/** Creates a topic; its partitions follow as {@link PartitionRecord}s in the same batch. */
public record TopicRecord(String name, Uuid topicId) implements MetadataRecord {
}
