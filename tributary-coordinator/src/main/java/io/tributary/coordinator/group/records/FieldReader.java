package io.tributary.coordinator.group.records;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads what {@link FieldWriter} wrote. */
public final class FieldReader {

    private final ByteBuffer buffer;

    public FieldReader(ByteBuffer buffer) {
        this.buffer = buffer.duplicate();
    }

    public short readShort() {
        return buffer.getShort();
    }

    public int readInt() {
        return buffer.getInt();
    }

    public long readLong() {
        return buffer.getLong();
    }

    public String readString() {
        byte[] bytes = readBytes();
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public byte[] readBytes() {
        int length = buffer.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }
}
