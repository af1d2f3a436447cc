package io.tributary.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Frame buffer helpers. */
final class Frames {

    private Frames() {
    }

    /**
     * Request parsing needs one contiguous nio buffer. A frame usually is one (a slice of the read buffer); only a
     * composite frame is copied, and then the original is released. On failure the caller still owns {@code frame}.
     */
    static ByteBuf contiguous(ByteBufAllocator allocator, ByteBuf frame) {
        if (frame.nioBufferCount() == 1) {
            return frame;
        }
        ByteBuf copy = allocator.directBuffer(frame.readableBytes());
        try {
            copy.writeBytes(frame, frame.readerIndex(), frame.readableBytes());
        } catch (RuntimeException e) {
            copy.release();
            throw e;
        }
        frame.release();
        return copy;
    }
}
