package io.tributary.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.ChannelPromise;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/** Writes one size-prefixed response frame (header + body) without intermediate heap copies. Does not flush. */
final class ResponseWriter {

    private static final int SIZE_PREFIX_BYTES = 4;

    private ResponseWriter() {
    }

    static void write(ByteBufAllocator allocator, ChannelOutboundInvoker out, int correlationId,
                      short headerVersion, ApiMessage body, short bodyVersion) {
        write(allocator, out, correlationId, headerVersion, body, bodyVersion, true);
    }

    /** {@code zeroCopy} false (TLS): record files go out as chunks read into pooled buffers, not as file regions. */
    static void write(ByteBufAllocator allocator, ChannelOutboundInvoker out, int correlationId,
                      short headerVersion, ApiMessage body, short bodyVersion, boolean zeroCopy) {
        write(allocator, out, correlationId, headerVersion, body, bodyVersion, zeroCopy, out.voidPromise());
    }

    /**
     * As above; {@code sent} goes with the frame's last write, so it completes once the whole response left for the
     * socket (no extra write needed to learn it).
     */
    static void write(ByteBufAllocator allocator, ChannelOutboundInvoker out, int correlationId,
                      short headerVersion, ApiMessage body, short bodyVersion, boolean zeroCopy,
                      ChannelPromise sent) {
        // The cache carries sizes/serialised strings computed while sizing over to the writing pass.
        ObjectSerializationCache cache = new ObjectSerializationCache();
        MessageSizeAccumulator size = new MessageSizeAccumulator();
        ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(correlationId);
        header.addSize(size, cache, headerVersion);
        body.addSize(size, cache, bodyVersion);

        ByteBuf buffer = allocator.directBuffer(SIZE_PREFIX_BYTES + size.sizeExcludingZeroCopy());
        ByteBufWritable writable = new ByteBufWritable(buffer, out, zeroCopy);
        try {
            writable.writeInt(size.totalSize());
            header.write(writable, cache, headerVersion);
            body.write(writable, cache, bodyVersion);
        } catch (RuntimeException e) {
            writable.abort();
            throw e;
        }
        writable.finish(sent);
    }
}
