package io.tributary.metadata.record;

import org.apache.kafka.common.Uuid;

/** Removes the ACL with this id (Kafka's RemoveAccessControlEntryRecord). */
public record RemoveAccessControlEntryRecord(Uuid id) implements MetadataRecord {
}
