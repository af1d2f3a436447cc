package io.tributary.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.function.IntSupplier;

/**
 * Accumulates socket reads for {@link FrameDecoder}. Once the size prefix of a frame is known, the buffer is grown
 * straight to the whole frame, so a large request (a produce of several MiB arriving in 64 KiB reads) is copied
 * once instead of once per doubling. A read holding only whole frames is passed on without any copy.
 */
final class FrameCumulator implements ByteToMessageDecoder.Cumulator {

    private static final int SIZE_PREFIX_BYTES = 4;

    private final IntSupplier maxRequestBytes;

    FrameCumulator(int maxRequestBytes) {
        this(() -> maxRequestBytes);
    }

    /** With a limit that may change (a SASL connection's grows once it has authenticated). */
    FrameCumulator(IntSupplier maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (!cumulation.isReadable() && in.isContiguous()) {
            cumulation.release();
            return in;
        }
        try {
            int incoming = in.readableBytes();
            if (cumulation.refCnt() == 1 && !cumulation.isReadOnly() && cumulation.maxFastWritableBytes() >= incoming) {
                cumulation.writeBytes(in, in.readerIndex(), incoming);
                return cumulation;
            }
            int needed = Math.max(cumulation.readableBytes() + incoming, pendingFrameBytes(cumulation));
            ByteBuf grown = alloc.buffer(needed);
            grown.writeBytes(cumulation, cumulation.readerIndex(), cumulation.readableBytes());
            grown.writeBytes(in, in.readerIndex(), incoming);
            cumulation.release();
            return grown;
        } finally {
            in.release();
        }
    }

    /** Bytes up to the end of the frame starting at the reader index, if its (valid) size is already known. */
    private int pendingFrameBytes(ByteBuf cumulation) {
        if (cumulation.readableBytes() < SIZE_PREFIX_BYTES) {
            return 0;
        }
        int size = cumulation.getInt(cumulation.readerIndex());
        return size < 0 || size > maxRequestBytes.getAsInt() ? 0 : SIZE_PREFIX_BYTES + size;
    }
}
