package io.tributary.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * Serialises a Kafka message straight into one pooled buffer, sized up front for every byte except record sets.
 * Record sets are not copied: the bytes written so far go out as a slice of the buffer, then the records themselves
 * (a wrapped buffer or a file region), then writing continues in the same buffer.
 *
 * <p>Writes go to {@code out} with a void promise (a failure surfaces as an exception on the pipeline), except the
 * message's last write, which may carry a promise of the caller's: it completes once the whole message left. A record
 * set is held back until the next write so that it can be that last write when nothing follows it.
 */
final class ByteBufWritable implements Writable {

    private final ByteBuf buffer;
    private final ChannelOutboundInvoker out;
    private final boolean zeroCopy;
    private int emittedUpTo;
    private boolean finished;
    /** The latest record set, not yet written: it goes out before the next bytes, or last, with the promise. */
    private Object heldRecords;

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
            heldRecords = zeroCopy
                    ? new NonClosingFileRegion(file.channel(), file.position(), file.sizeInBytes())
                    : SegmentChunks.of(file.channel(), file.position(), file.sizeInBytes());
        } else if (records instanceof MemoryRecords memory) {
            emitPending();
            heldRecords = Unpooled.wrappedBuffer(memory.buffer());
        } else {
            Writable.super.writeRecords(records);
        }
    }

    /** Writes whatever is left of the buffer and hands over its ownership. */
    void finish() {
        finish(out.voidPromise());
    }

    /**
     * Writes whatever is left (the held record set, the buffer's tail) and hands over the buffer's ownership;
     * {@code last} goes with the last of the message's writes, so it completes once the whole message left.
     */
    void finish(ChannelPromise last) {
        finished = true;
        if (buffer.writerIndex() > emittedUpTo) {
            writeHeldRecords();
            buffer.readerIndex(emittedUpTo);
            out.write(buffer, last);
            return;
        }
        buffer.release();
        if (heldRecords != null) {
            Object records = heldRecords;
            heldRecords = null;
            out.write(records, last);
        } else {
            last.trySuccess(); // nothing at all to write: cannot happen with a size prefix, but never leave it open
        }
    }

    /** Releases the buffer (and a record set not yet written) after a failed serialisation. */
    void abort() {
        if (!finished) {
            finished = true;
            buffer.release();
            if (heldRecords != null) {
                ReferenceCountUtil.release(heldRecords);
                heldRecords = null;
            }
        }
    }

    private void writeHeldRecords() {
        if (heldRecords != null) {
            Object records = heldRecords;
            heldRecords = null;
            out.write(records, out.voidPromise());
        }
    }

    private void emitPending() {
        writeHeldRecords();
        int pending = buffer.writerIndex() - emittedUpTo;
        if (pending > 0) {
            out.write(buffer.retainedSlice(emittedUpTo, pending), out.voidPromise());
            emittedUpTo = buffer.writerIndex();
        }
    }
}
