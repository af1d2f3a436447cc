package io.tributary.metadata.record;

import org.apache.kafka.common.Uuid;

/** Deletes a topic, its partitions and its config overrides. */
public record RemoveTopicRecord(Uuid topicId) implements MetadataRecord {
}
