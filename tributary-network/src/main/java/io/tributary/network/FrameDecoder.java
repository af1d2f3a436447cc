package io.tributary.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the byte stream into Kafka frames (4-byte big-endian size, then that many bytes) and emits each frame as a
 * retained slice, so request parsing can read from it without a copy. A size outside {@code [0, maxRequestBytes]}
 * closes the connection before any of the body is read, as Kafka does for {@code socket.request.max.bytes}.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);
    private static final int SIZE_PREFIX_BYTES = 4;

    private int maxRequestBytes;
    private boolean rejected;

    /** Also used by the node client for responses: the same framing, with its own size limit. */
    public FrameDecoder(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
        setCumulator(new FrameCumulator(() -> this.maxRequestBytes));
    }

    /**
     * Changes the largest frame accepted from now on (event loop only): a SASL connection is held to
     * {@code sasl.server.max.receive.size} until it has authenticated, as in Kafka.
     */
    void maxFrameBytes(int maxFrameBytes) {
        this.maxRequestBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (rejected) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < SIZE_PREFIX_BYTES) {
            return;
        }
        int size = in.getInt(in.readerIndex());
        if (size < 0 || size > maxRequestBytes) {
            rejected = true;
            in.skipBytes(in.readableBytes());
            log.warn("Closing connection {}: frame size {} is outside [0, {}]",
                    ctx.channel().remoteAddress(), size, maxRequestBytes);
            ctx.close();
            return;
        }
        if (in.readableBytes() < SIZE_PREFIX_BYTES + size) {
            return;
        }
        in.skipBytes(SIZE_PREFIX_BYTES);
        out.add(in.readRetainedSlice(size));
    }
}
