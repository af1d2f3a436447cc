package io.tributary.coordinator.group.records;

import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ByteBufferAccessor;

/** Reads what {@link FieldWriter} wrote, through kafka-clients' {@code ByteBufferAccessor}. */
public final class FieldReader {

    private final ByteBufferAccessor in;

    public FieldReader(ByteBuffer buffer) {
        this.in = new ByteBufferAccessor(buffer.duplicate());
    }

    public short readShort() {
        return in.readShort();
    }

    public int readInt() {
        return in.readInt();
    }

    public long readLong() {
        return in.readLong();
    }

    public String readString() {
        int length = in.readInt();
        return length < 0 ? null : in.readString(length);
    }

    public byte[] readBytes() {
        int length = in.readInt();
        return length < 0 ? null : in.readArray(length);
    }
}
