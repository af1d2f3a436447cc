package io.tributary.metadata.snapshot;

import java.io.IOException;

/** A snapshot file that is truncated, damaged or not a snapshot: it must not be loaded. */
public final class CorruptSnapshotException extends IOException {

    public CorruptSnapshotException(String message) {
        super(message);
    }

    public CorruptSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
