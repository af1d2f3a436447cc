package io.tributary.metadata.record;

/** Deletes the SCRAM credential of a user for one mechanism (Kafka's RemoveUserScramCredentialRecord). */
public record RemoveUserScramCredentialRecord(String name, String mechanism) implements MetadataRecord {
}
