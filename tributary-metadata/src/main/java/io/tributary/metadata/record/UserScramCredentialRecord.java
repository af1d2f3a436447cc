package io.tributary.metadata.record;

import io.tributary.metadata.image.ScramCredentialData;

/** Sets the SCRAM credential of a user for one mechanism (Kafka's UserScramCredentialRecord). */
public record UserScramCredentialRecord(String name, String mechanism, ScramCredentialData credential)
    implements MetadataRecord {
}
