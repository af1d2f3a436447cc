package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.network.KafkaWire.Response;
import io.tributary.network.TestHandlers.ManualHandler;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestDecodingTest {

    private final ManualHandler handler = new ManualHandler();
    private EmbeddedChannel channel = EmbeddedConnections.open(handler);

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        handler.stages.forEach(stage -> stage.complete(ResponseAction.noResponse()));
    }

    @Test
    void garbageFrameClosesTheConnectionWithoutCallingTheHandler() {
        // given
        byte[] garbage = KafkaWire.sizePrefixed(ByteBuffer.wrap(new byte[] {(byte) 0xde, (byte) 0xad, 0x7f}));

        // when
        channel.writeInbound(Unpooled.wrappedBuffer(garbage));

        // then
        assertThat(channel.isOpen()).isFalse();
        assertThat(handler.requests).isEmpty();
    }

    @Test
    void unknownApiKeyClosesTheConnection() {
        // given
        ByteBuf frame = Unpooled.buffer().writeInt(8).writeShort(4242).writeShort(0).writeInt(1);

        // when
        channel.writeInbound(frame);

        // then
        assertThat(channel.isOpen()).isFalse();
        assertThat(handler.requests).isEmpty();
    }

    @Test
    void truncatedBodyClosesTheConnection() {
        // given
        short version = ApiKeys.METADATA.latestVersion();
        byte[] complete = KafkaWire.requestBytes(
                new MetadataRequest.Builder(List.of("orders", "payments"), false, version).build(version), 1);
        byte[] truncated = Arrays.copyOf(complete, complete.length - 6);
        ByteBuffer.wrap(truncated).putInt(0, truncated.length - 4);

        // when
        channel.writeInbound(Unpooled.wrappedBuffer(truncated));

        // then
        assertThat(channel.isOpen()).isFalse();
        assertThat(handler.requests).isEmpty();
    }

    @Test
    void unsupportedVersionOfAnotherApiClosesTheConnection() {
        // given
        channel.finishAndReleaseAll();
        channel = EmbeddedConnections.open(EmbeddedConnections.config(),
                (api, version) -> api != ApiKeys.METADATA || version < 12, handler);
        short version = 12;

        // when
        channel.writeInbound(KafkaWire.requestFrame(
                new MetadataRequest.Builder(List.of("orders"), false, version).build(version), 1));

        // then
        assertThat(channel.isOpen()).isFalse();
        assertThat(handler.requests).isEmpty();
    }

    @Test
    void apiVersionsAtAnUnsupportedVersionReachesTheHandlerFlaggedAndIsAnsweredAtVersionZero() {
        // given
        short futureVersion = 127;
        byte[] unknownBody = {1, 2, 3, 4, 5};
        channel.writeInbound(Unpooled.wrappedBuffer(
                KafkaWire.headerOnlyBytes(ApiKeys.API_VERSIONS, futureVersion, 9, unknownBody)));

        // when
        handler.answerApiVersions(0);

        // then
        ApiVersionsRequest received = (ApiVersionsRequest) handler.requests.get(0);
        assertThat(received.hasUnsupportedRequestVersion()).isTrue();
        assertThat(handler.contexts.get(0).apiVersion()).isEqualTo(futureVersion);
        List<ByteBuffer> frames = KafkaWire.frames(KafkaWire.drainOutbound(channel));
        Response response = KafkaWire.parseResponse(frames.get(0), ApiKeys.API_VERSIONS, (short) 0, (short) 0);
        assertThat(response.correlationId()).isEqualTo(9);
        ApiVersionsResponse body = (ApiVersionsResponse) response.body();
        assertThat(body.data().errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
        assertThat(body.apiVersion(ApiKeys.API_VERSIONS.id)).isNotNull();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void apiVersionsRejectedByThePolicyIsAlsoAnsweredAtVersionZero() {
        // given
        channel.finishAndReleaseAll();
        channel = EmbeddedConnections.open(EmbeddedConnections.config(),
                (api, version) -> api != ApiKeys.API_VERSIONS || version <= 2, handler);
        channel.writeInbound(KafkaWire.requestFrame(new ApiVersionsRequest.Builder().build((short) 3), 4));

        // when
        handler.answerApiVersions(0);

        // then
        assertThat(((ApiVersionsRequest) handler.requests.get(0)).hasUnsupportedRequestVersion()).isTrue();
        List<ByteBuffer> frames = KafkaWire.frames(KafkaWire.drainOutbound(channel));
        Response response = KafkaWire.parseResponse(frames.get(0), ApiKeys.API_VERSIONS, (short) 0, (short) 0);
        assertThat(response.correlationId()).isEqualTo(4);
    }

    @Test
    void requestsBeforeAGarbageFrameStillReachTheHandlerAndTheirFramesAreFreedWhenDone() {
        // given
        channel.writeInbound(KafkaWire.requestFrame(new ApiVersionsRequest.Builder().build((short) 3), 1));

        // when
        channel.writeInbound(Unpooled.wrappedBuffer(KafkaWire.sizePrefixed(ByteBuffer.wrap(new byte[] {9}))));
        handler.answerApiVersions(0);

        // then
        assertThat(handler.requests).hasSize(1);
        assertThat(channel.isOpen()).isFalse();
    }
}
