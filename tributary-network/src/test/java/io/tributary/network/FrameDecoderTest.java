package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static final int MAX_REQUEST_BYTES = 64;

    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_REQUEST_BYTES));

    @Test
    void reassemblesAFrameSplitAcrossReads() {
        // given
        byte[] frame = frame("hello kafka");

        // when
        channel.writeInbound(Unpooled.wrappedBuffer(frame, 0, 2));
        channel.writeInbound(Unpooled.wrappedBuffer(frame, 2, 5));
        channel.writeInbound(Unpooled.wrappedBuffer(frame, 7, frame.length - 7));

        // then
        assertThat(readFrame()).isEqualTo("hello kafka");
        assertThat(channel.inboundMessages()).isEmpty();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void splitsCoalescedFramesAndKeepsAPartialOneForLater() {
        // given
        byte[] first = frame("one");
        byte[] second = frame("two");
        byte[] third = frame("three");
        ByteBuf coalesced = Unpooled.buffer();
        coalesced.writeBytes(first).writeBytes(second).writeBytes(third, 0, 5);

        // when
        channel.writeInbound(coalesced);

        // then
        assertThat(readFrame()).isEqualTo("one");
        assertThat(readFrame()).isEqualTo("two");
        assertThat(channel.inboundMessages()).isEmpty();

        // when
        channel.writeInbound(Unpooled.wrappedBuffer(third, 5, third.length - 5));

        // then
        assertThat(readFrame()).isEqualTo("three");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void emptyFrameIsPassedOnForTheParserToReject() {
        // when
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 0}));

        // then
        assertThat(readFrame()).isEmpty();
    }

    @Test
    void oversizedFrameClosesTheConnectionWithoutWaitingForTheBody() {
        // given
        ByteBuf sizeOnly = Unpooled.buffer().writeInt(MAX_REQUEST_BYTES + 1);

        // when
        channel.writeInbound(sizeOnly);

        // then
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void negativeSizeClosesTheConnection() {
        // when
        channel.writeInbound(Unpooled.buffer().writeInt(-1).writeBytes(new byte[16]));

        // then
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void frameOfExactlyTheMaximumSizeIsAccepted() {
        // given
        ByteBuf frame = Unpooled.buffer().writeInt(MAX_REQUEST_BYTES).writeBytes(new byte[MAX_REQUEST_BYTES]);

        // when
        channel.writeInbound(frame);

        // then
        ByteBuf decoded = channel.readInbound();
        assertThat(decoded.readableBytes()).isEqualTo(MAX_REQUEST_BYTES);
        decoded.release();
        assertThat(channel.isOpen()).isTrue();
    }

    private String readFrame() {
        ByteBuf frame = channel.readInbound();
        assertThat(frame).isNotNull();
        try {
            return frame.toString(StandardCharsets.UTF_8);
        } finally {
            frame.release();
        }
    }

    private static byte[] frame(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        ByteBuf buffer = Unpooled.buffer(4 + bytes.length).writeInt(bytes.length).writeBytes(bytes);
        byte[] array = new byte[buffer.readableBytes()];
        buffer.readBytes(array);
        return array;
    }
}
