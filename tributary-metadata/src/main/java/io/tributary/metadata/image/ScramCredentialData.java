package io.tributary.metadata.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * One stored SCRAM credential (RFC 5802): the salt and iteration count the client salts its password with, and
 * the keys the server checks its proof against. The password itself is never stored.
 */
public record ScramCredentialData(byte[] salt, byte[] storedKey, byte[] serverKey, int iterations) {

    public ScramCredentialData {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(storedKey, "storedKey");
        Objects.requireNonNull(serverKey, "serverKey");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredentialData other && iterations == other.iterations
            && Arrays.equals(salt, other.salt) && Arrays.equals(storedKey, other.storedKey)
            && Arrays.equals(serverKey, other.serverKey);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(salt) + Arrays.hashCode(storedKey)) + Arrays.hashCode(serverKey))
            + iterations;
    }

    @Override
    public String toString() {
        return "ScramCredentialData(iterations=" + iterations + ")"; // keys stay out of logs
    }
}
