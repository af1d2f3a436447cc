package io.tributary.coordinator.group.records;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes record fields big-endian: fixed-size numbers, length-prefixed nullable strings and bytes. */
public final class FieldWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);

    public FieldWriter writeShort(short value) {
        return write(() -> out.writeShort(value));
    }

    public FieldWriter writeInt(int value) {
        return write(() -> out.writeInt(value));
    }

    public FieldWriter writeLong(long value) {
        return write(() -> out.writeLong(value));
    }

    /** Null is written as length -1. */
    public FieldWriter writeString(String value) {
        return writeBytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Null is written as length -1. */
    public FieldWriter writeBytes(byte[] value) {
        return write(() -> {
            if (value == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(value.length);
                out.write(value);
            }
        });
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private FieldWriter write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return this;
    }

    private interface IoAction {
        void run() throws IOException;
    }
}
