package io.tributary.network.security;

import org.apache.kafka.common.security.scram.ScramCredential;

/** Where SCRAM credentials come from: the broker's metadata image (credentials replicated in the metadata log). */
@FunctionalInterface
public interface ScramCredentialStore {

    ScramCredentialStore NONE = (user, mechanism) -> null;

    /** The stored credential of {@code user} for a mechanism such as {@code SCRAM-SHA-256}, or null. */
    ScramCredential credential(String user, String mechanism);
}
