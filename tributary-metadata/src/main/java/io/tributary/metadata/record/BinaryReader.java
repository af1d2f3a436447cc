package io.tributary.metadata.record;

import java.nio.ByteBuffer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.ByteBufferAccessor;

/**
 * Reads what {@link BinaryWriter} wrote, through kafka-clients' {@code ByteBufferAccessor}. Malformed input
 * surfaces as an unchecked exception.
 */
public final class BinaryReader {

    private final ByteBufferAccessor in;

    public BinaryReader(ByteBuffer buffer) {
        this.in = new ByteBufferAccessor(buffer);
    }

    public byte readByte() {
        return in.readByte();
    }

    public boolean readBoolean() {
        return in.readByte() != 0;
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

    public Uuid readUuid() {
        return in.readUuid();
    }

    /** Length-prefixed UTF-8; length -1 is null. */
    public String readString() {
        int length = in.readInt();
        return length < 0 ? null : in.readString(length);
    }

    /** Count-prefixed ints; count -1 is null. */
    public int[] readIntArray() {
        int count = in.readInt();
        if (count < 0) {
            return null;
        }
        if (count > in.remaining() / Integer.BYTES) {
            throw new IllegalStateException("Int array of " + count + " elements exceeds the remaining bytes");
        }
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    public int remaining() {
        return in.remaining();
    }
}
