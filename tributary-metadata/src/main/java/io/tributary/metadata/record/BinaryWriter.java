package io.tributary.metadata.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.Uuid;

/** A growable big-endian buffer for the compact record encoding. */
public final class BinaryWriter {

    private ByteBuffer buffer;

    public BinaryWriter(int initialCapacity) {
        buffer = ByteBuffer.allocate(initialCapacity);
    }

    public int position() {
        return buffer.position();
    }

    public void writeByte(int value) {
        ensure(1).put((byte) value);
    }

    public void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    public void writeShort(int value) {
        ensure(2).putShort((short) value);
    }

    public void writeInt(int value) {
        ensure(4).putInt(value);
    }

    public void writeLong(long value) {
        ensure(8).putLong(value);
    }

    public void putIntAt(int position, int value) {
        buffer.putInt(position, value);
    }

    public void writeUuid(Uuid uuid) {
        writeLong(uuid.getMostSignificantBits());
        writeLong(uuid.getLeastSignificantBits());
    }

    /** Length-prefixed UTF-8; length -1 encodes null. */
    public void writeString(String value) {
        if (value == null) {
            writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInt(bytes.length);
        ensure(bytes.length).put(bytes);
    }

    /** Count-prefixed ints; count -1 encodes null. */
    public void writeIntArray(int[] values) {
        if (values == null) {
            writeInt(-1);
            return;
        }
        writeInt(values.length);
        ByteBuffer target = ensure(4 * values.length);
        for (int value : values) {
            target.putInt(value);
        }
    }

    /** The written bytes, flipped for reading; the writer must not be used afterwards. */
    public ByteBuffer toByteBuffer() {
        return buffer.flip();
    }

    private ByteBuffer ensure(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
        return buffer;
    }
}
