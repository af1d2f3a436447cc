package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class FrameCumulatorTest {

    private static final int MAX_REQUEST_BYTES = 4 << 20;

    @Test
    void largeFrameArrivingInSmallReadsIsReassembledExactly() {
        // given a 1 MiB frame cut into 64 KiB reads
        byte[] body = new byte[1 << 20];
        ThreadLocalRandom.current().nextBytes(body);
        ByteBuf wire = Unpooled.buffer().writeInt(body.length).writeBytes(body);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_REQUEST_BYTES));

        // when
        while (wire.isReadable()) {
            channel.writeInbound(wire.readRetainedSlice(Math.min(65_536, wire.readableBytes())));
        }
        wire.release();

        // then
        ByteBuf frame = channel.readInbound();
        byte[] received = new byte[frame.readableBytes()];
        frame.readBytes(received);
        frame.release();
        assertThat(received).isEqualTo(body);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void growsOnceToTheWholeFrameWhenItsSizeIsKnown() {
        // given a cumulation holding the size prefix and the first bytes of a 100 KiB frame
        ByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;
        ByteBuf cumulation = alloc.buffer(16, 16).writeInt(100 * 1024).writeLong(7L);
        ByteBuf next = alloc.buffer(1024).writeZero(1024);

        // when
        ByteBuf grown = new FrameCumulator(MAX_REQUEST_BYTES).cumulate(alloc, cumulation, next);

        // then the new buffer already has room for the rest of the frame
        assertThat(grown.readableBytes()).isEqualTo(12 + 1024);
        assertThat(grown.capacity()).isGreaterThanOrEqualTo(4 + 100 * 1024);
        assertThat(next.refCnt()).isZero();
        grown.release();
    }

    @Test
    void aBogusSizeDoesNotMakeItAllocateThatMuch() {
        // given
        ByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;
        ByteBuf cumulation = alloc.buffer(8, 8).writeInt(Integer.MAX_VALUE).writeInt(1);
        ByteBuf next = alloc.buffer(8).writeLong(1L);

        // when
        ByteBuf grown = new FrameCumulator(MAX_REQUEST_BYTES).cumulate(alloc, cumulation, next);

        // then
        assertThat(grown.capacity()).isLessThan(1024);
        grown.release();
    }
}
