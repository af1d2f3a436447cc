package io.tributary.metadata.record;

import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ByteBufferAccessor;

/**
 * Reads what {@link BinaryWriter} wrote: kafka-clients' {@code ByteBufferAccessor} plus the record encoding's
 * booleans, int32-prefixed nullable strings and int arrays. Malformed input surfaces as an unchecked exception.
 */
public final class BinaryReader extends ByteBufferAccessor {

    public BinaryReader(ByteBuffer buffer) {
        super(buffer);
    }

    public boolean readBoolean() {
        return readByte() != 0;
    }

    /** Length-prefixed UTF-8; length -1 is null. */
    public String readString() {
        int length = readInt();
        return length < 0 ? null : readString(length);
    }

    /** Count-prefixed ints; count -1 is null. */
    public int[] readIntArray() {
        int count = readInt();
        if (count < 0) {
            return null;
        }
        if (count > remaining() / Integer.BYTES) {
            throw new IllegalStateException("Int array of " + count + " elements exceeds the remaining bytes");
        }
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = readInt();
        }
        return values;
    }
}
