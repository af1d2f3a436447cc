package io.tributary.coordinator.group.records;

import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ByteBufferAccessor;

/**
 * Reads what {@link FieldWriter} wrote: kafka-clients' {@code ByteBufferAccessor} plus the records' int32-prefixed
 * nullable strings and bytes.
 */
public final class FieldReader extends ByteBufferAccessor {

    public FieldReader(ByteBuffer buffer) {
        super(buffer.duplicate());
    }

    /** Length -1 is null. */
    public String readString() {
        int length = readInt();
        return length < 0 ? null : readString(length);
    }

    /** Length -1 is null. */
    public byte[] readBytes() {
        int length = readInt();
        return length < 0 ? null : readArray(length);
    }
}
