package io.tributary.metadata.record;

import io.tributary.metadata.image.AclEntry;
import org.apache.kafka.common.Uuid;

/** Adds an ACL under a controller-chosen id (Kafka's AccessControlEntryRecord). */
public record AccessControlEntryRecord(Uuid id, AclEntry acl) implements MetadataRecord {
}
