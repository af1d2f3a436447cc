package io.tributary.metadata.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.Uuid;

/** Reads what {@link BinaryWriter} wrote. Malformed input surfaces as an unchecked exception. */
public final class BinaryReader {

    private final ByteBuffer buffer;

    public BinaryReader(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    public byte readByte() {
        return buffer.get();
    }

    public boolean readBoolean() {
        return buffer.get() != 0;
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

    public Uuid readUuid() {
        return new Uuid(buffer.getLong(), buffer.getLong());
    }

    public String readString() {
        int length = buffer.getInt();
        if (length < 0) {
            return null;
        }
        String value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return value;
    }

    public int[] readIntArray() {
        int count = buffer.getInt();
        if (count < 0) {
            return null;
        }
        if (count > buffer.remaining() / 4) {
            throw new IllegalStateException("Int array of " + count + " elements exceeds the remaining bytes");
        }
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = buffer.getInt();
        }
        return values;
    }

    public int remaining() {
        return buffer.remaining();
    }
}
