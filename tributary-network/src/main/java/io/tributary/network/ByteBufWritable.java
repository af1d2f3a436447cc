package io.tributary.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOutboundInvoker;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * Serialises a Kafka message straight into one pooled buffer, sized up front for every byte except record sets.
 * Record sets are not copied: the bytes written so far go out as a slice of the buffer, then the records themselves
 * (a wrapped buffer or a file region), then writing continues in the same buffer.
 *
 * <p>Writes go to {@code out} with a void promise; a failure surfaces as an exception on the pipeline.
 */
final class ByteBufWritable implements Writable {

    private final ByteBuf buffer;
    private final ChannelOutboundInvoker out;
    private final boolean zeroCopy;
    private int emittedUpTo;
    private boolean finished;

    /** Takes ownership of {@code buffer}: {@link #finish()} or {@link #abort()} gives it up. */
    ByteBufWritable(ByteBuf buffer, ChannelOutboundInvoker out) {
        this(buffer, out, true);
    }

    /**
     * @param zeroCopy false on TLS connections: the SslHandler must see bytes, so a file's records are sent as a
     *                 {@link SegmentChunks} (read chunk by chunk into pooled buffers as the socket drains: one copy,
     *                 bounded memory) instead of a file region sent with sendfile
     */
    ByteBufWritable(ByteBuf buffer, ChannelOutboundInvoker out, boolean zeroCopy) {
        this.zeroCopy = zeroCopy;
        this.buffer = buffer;
        this.out = out;
        this.emittedUpTo = buffer.readerIndex();
    }

    @Override
    public void writeByte(byte value) {
        buffer.writeByte(value);
    }

    @Override
    public void writeShort(short value) {
        buffer.writeShort(value);
    }

    @Override
    public void writeInt(int value) {
        buffer.writeInt(value);
    }

    @Override
    public void writeLong(long value) {
        buffer.writeLong(value);
    }

    @Override
    public void writeDouble(double value) {
        buffer.writeDouble(value);
    }

    @Override
    public void writeByteArray(byte[] bytes) {
        buffer.writeBytes(bytes);
    }

    @Override
    public void writeUnsignedVarint(int value) {
        while ((value & 0xFFFFFF80) != 0) {
            buffer.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer.writeByte(value);
    }

    @Override
    public void writeVarint(int value) {
        writeUnsignedVarint((value << 1) ^ (value >> 31));
    }

    @Override
    public void writeVarlong(long value) {
        long zigZag = (value << 1) ^ (value >> 63);
        while ((zigZag & 0xFFFFFFFFFFFFFF80L) != 0L) {
            buffer.writeByte(((int) zigZag & 0x7F) | 0x80);
            zigZag >>>= 7;
        }
        buffer.writeByte((int) zigZag);
    }

    @Override
    public void writeByteBuffer(ByteBuffer source) {
        // duplicate: serialising must not move the message's own buffer position
        buffer.writeBytes(source.duplicate());
    }

    @Override
    public void writeRecords(BaseRecords records) {
        if (records.sizeInBytes() == 0) {
            return;
        }
        if (records instanceof FileRegionRecords file) {
            emitPending();
            Object region = zeroCopy
                    ? new NonClosingFileRegion(file.channel(), file.position(), file.sizeInBytes())
                    : SegmentChunks.of(file.channel(), file.position(), file.sizeInBytes());
            out.write(region, out.voidPromise());
        } else if (records instanceof MemoryRecords memory) {
            emitPending();
            out.write(Unpooled.wrappedBuffer(memory.buffer()), out.voidPromise());
        } else {
            Writable.super.writeRecords(records);
        }
    }

    /** Writes whatever is left of the buffer and hands over its ownership. */
    void finish() {
        finished = true;
        if (buffer.writerIndex() > emittedUpTo) {
            buffer.readerIndex(emittedUpTo);
            out.write(buffer, out.voidPromise());
        } else {
            buffer.release();
        }
    }

    /** Releases the buffer after a failed serialisation; slices already written stay valid. */
    void abort() {
        if (!finished) {
            finished = true;
            buffer.release();
        }
    }

    private void emitPending() {
        int pending = buffer.writerIndex() - emittedUpTo;
        if (pending > 0) {
            out.write(buffer.retainedSlice(emittedUpTo, pending), out.voidPromise());
            emittedUpTo = buffer.writerIndex();
        }
    }
}
