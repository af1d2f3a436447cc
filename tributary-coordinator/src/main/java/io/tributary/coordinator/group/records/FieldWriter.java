package io.tributary.coordinator.group.records;

import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.protocol.DataOutputStreamWritable;
import org.apache.kafka.common.utils.ByteBufferOutputStream;
import org.apache.kafka.common.utils.Utils;

/**
 * The coordinator records' field conventions (big-endian numbers; strings and bytes prefixed by an int32 length,
 * -1 for null) over kafka-clients' {@code Writable}, which does the encoding.
 */
public final class FieldWriter {

    private final ByteBufferOutputStream bytes = new ByteBufferOutputStream(64);
    private final DataOutputStreamWritable out = new DataOutputStreamWritable(new DataOutputStream(bytes));

    public FieldWriter writeShort(short value) {
        out.writeShort(value);
        return this;
    }

    public FieldWriter writeInt(int value) {
        out.writeInt(value);
        return this;
    }

    public FieldWriter writeLong(long value) {
        out.writeLong(value);
        return this;
    }

    /** Null is written as length -1. */
    public FieldWriter writeString(String value) {
        return writeBytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Null is written as length -1. */
    public FieldWriter writeBytes(byte[] value) {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.writeByteArray(value);
        }
        return this;
    }

    public byte[] toByteArray() {
        out.flush();
        ByteBuffer written = bytes.buffer().duplicate().flip();
        return Utils.toArray(written);
    }
}
