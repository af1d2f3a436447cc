package io.tributary.coordinator.runtime;

import java.nio.ByteBuffer;

/** Turns a coordinator's records into log records (key, nullable value) and back. */
public interface RecordSerde<R> {

    byte[] serializeKey(R record);

    /** Null for a tombstone. */
    byte[] serializeValue(R record);

    /** Null when the key's type is unknown to this version (skipped at load). */
    R deserialize(ByteBuffer key, ByteBuffer value);
}
