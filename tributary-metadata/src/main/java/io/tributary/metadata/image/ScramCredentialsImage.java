package io.tributary.metadata.image;

import java.util.HashMap;
import java.util.Map;

/** Every user's SCRAM credentials, by user name, then mechanism name ({@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}). */
public record ScramCredentialsImage(Map<String, Map<String, ScramCredentialData>> byUser) {

    public static final ScramCredentialsImage EMPTY = new ScramCredentialsImage(Map.of());

    public ScramCredentialsImage {
        Map<String, Map<String, ScramCredentialData>> copy = new HashMap<>();
        byUser.forEach((user, credentials) -> {
            if (!credentials.isEmpty()) {
                copy.put(user, Map.copyOf(credentials));
            }
        });
        byUser = Map.copyOf(copy);
    }

    /** The credential, or null. */
    public ScramCredentialData credential(String user, String mechanism) {
        Map<String, ScramCredentialData> credentials = byUser.get(user);
        return credentials == null ? null : credentials.get(mechanism);
    }

    @Override
    public String toString() {
        return "ScramCredentialsImage(users=" + byUser.keySet() + ")";
    }
}
