package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.network.TestHandlers.ManualHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request frame must stay alive exactly as long as the handler may read from it. */
class FrameLifetimeTest {

    private final ManualHandler handler = new ManualHandler();
    private final AtomicLong indexes = new AtomicLong();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ConnectionHandler(EmbeddedConnections.LISTENER,
            new RequestParser(TestHandlers.ALL_KNOWN_VERSIONS), handler, indexes::getAndIncrement, 10));

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        handler.stages.forEach(stage -> stage.complete(ResponseAction.noResponse()));
    }

    @Test
    void frameIsReleasedOnlyWhenTheStageCompletes() {
        // given
        ByteBuf frame = frameWithoutSizePrefix(1);
        channel.writeInbound(frame);
        assertThat(frame.refCnt()).isEqualTo(1);

        // when
        handler.answerApiVersions(0);

        // then
        assertThat(frame.refCnt()).isZero();
        KafkaWire.drainOutbound(channel);
    }

    @Test
    void frameOfARequestInFlightSurvivesTheConnectionClosing() {
        // given
        ByteBuf frame = frameWithoutSizePrefix(1);
        channel.writeInbound(frame);

        // when
        channel.close();

        // then
        assertThat(frame.refCnt()).isEqualTo(1);

        // when
        handler.answerApiVersions(0);

        // then
        assertThat(frame.refCnt()).isZero();
    }

    @Test
    void compositeFrameIsCopiedIntoOneBufferAndReleased() {
        // given
        ByteBuf whole = frameWithoutSizePrefix(1);
        CompositeByteBuf composite = Unpooled.compositeBuffer();
        int half = whole.readableBytes() / 2;
        composite.addComponents(true, whole.retainedSlice(0, half),
                whole.retainedSlice(half, whole.readableBytes() - half));
        whole.release();

        // when
        channel.writeInbound(composite);

        // then
        assertThat(composite.refCnt()).isZero();
        assertThat(handler.requests).singleElement().isInstanceOf(ApiVersionsRequest.class);
        handler.answerApiVersions(0);
        KafkaWire.drainOutbound(channel);
    }

    private static ByteBuf frameWithoutSizePrefix(int correlationId) {
        byte[] sizePrefixed = KafkaWire.requestBytes(new ApiVersionsRequest.Builder().build((short) 3), correlationId);
        ByteBuffer frame = ByteBuffer.wrap(sizePrefixed, 4, sizePrefixed.length - 4);
        return Unpooled.copiedBuffer(frame);
    }
}
