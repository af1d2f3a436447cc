package io.tributary.network.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.network.FrameDecoder;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;
import org.apache.kafka.common.requests.ResponseHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client end of a connection on an EmbeddedChannel: matching, ordering and buffer release in every path. */
class ResponseMatcherTest {

    private static final short VERSION = 3;
    private static final int MAX_FRAME = 1024;

    private EmbeddedChannel channel;
    private ResponseMatcher matcher;

    @BeforeEach
    void setUp() {
        matcher = new ResponseMatcher("test-client", "node-1");
        channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME), matcher);
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private CompletableFuture<AbstractResponse> send() {
        CompletableFuture<AbstractResponse> future = new CompletableFuture<>();
        matcher.send(new ApiVersionsRequest.Builder().build(VERSION), future);
        return future;
    }

    /** The header of the next written request; the written frame is released. */
    private RequestHeader writtenHeader() {
        ByteBuf frame = channel.readOutbound();
        try {
            ByteBuffer bytes = ByteBuffer.allocate(frame.readableBytes());
            frame.getBytes(frame.readerIndex(), bytes);
            bytes.flip();
            assertThat(bytes.getInt()).isEqualTo(bytes.remaining());
            return RequestHeader.parse(bytes);
        } finally {
            frame.release();
        }
    }

    /** A pooled direct buffer holding one size-prefixed ApiVersions response frame, as a socket read would. */
    private static ByteBuf responseFrame(int correlationId, int tag) {
        ByteBuffer body = RequestUtils.serialize(
                new ResponseHeader(correlationId, ApiKeys.API_VERSIONS.responseHeaderVersion(VERSION)).data(),
                ApiKeys.API_VERSIONS.responseHeaderVersion(VERSION),
                new ApiVersionsResponseData().setThrottleTimeMs(tag), VERSION);
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(4 + body.remaining());
        buf.writeInt(body.remaining()).writeBytes(body);
        return buf;
    }

    private static int tag(CompletableFuture<AbstractResponse> future) {
        return ((ApiVersionsResponse) future.join()).throttleTimeMs();
    }

    @Test
    void responsesAreMatchedInOrderAndEveryFrameIsReleased() {
        // given
        CompletableFuture<AbstractResponse> first = send();
        CompletableFuture<AbstractResponse> second = send();
        int firstId = writtenHeader().correlationId();
        int secondId = writtenHeader().correlationId();
        ByteBuf firstFrame = responseFrame(firstId, 1);
        ByteBuf secondFrame = responseFrame(secondId, 2);

        // when
        channel.writeInbound(firstFrame, secondFrame);

        // then
        assertThat(secondId).isEqualTo(firstId + 1);
        assertThat(tag(first)).isEqualTo(1);
        assertThat(tag(second)).isEqualTo(2);
        assertThat(firstFrame.refCnt()).isZero();
        assertThat(secondFrame.refCnt()).isZero();
    }

    @Test
    void aLateResponseOfATimedOutCallIsDroppedAndTheNextOneStillMatches() {
        // given
        CompletableFuture<AbstractResponse> timedOut = send();
        CompletableFuture<AbstractResponse> next = send();
        ByteBuf late = responseFrame(writtenHeader().correlationId(), 1);
        ByteBuf answer = responseFrame(writtenHeader().correlationId(), 2);
        timedOut.completeExceptionally(new TimeoutException("timed out"));

        // when
        channel.writeInbound(late, answer);

        // then
        assertThat(tag(next)).isEqualTo(2);
        assertThat(late.refCnt()).isZero();
        assertThat(answer.refCnt()).isZero();
    }

    @Test
    void aMismatchedCorrelationIdClosesTheConnectionAndFailsEveryCall() {
        // given
        CompletableFuture<AbstractResponse> first = send();
        CompletableFuture<AbstractResponse> second = send();
        int firstId = writtenHeader().correlationId();
        writtenHeader();
        ByteBuf wrong = responseFrame(firstId + 7, 1);

        // when
        channel.writeInbound(wrong);

        // then
        assertThat(channel.isOpen()).isFalse();
        assertThat(wrong.refCnt()).isZero();
        assertThat(first).isCompletedExceptionally();
        assertThat(second.handle((r, e) -> e).join()).isInstanceOf(DisconnectException.class);
    }

    @Test
    void aFrameOverTheLimitClosesTheConnection() {
        // given
        CompletableFuture<AbstractResponse> call = send();
        writtenHeader();
        ByteBuf huge = PooledByteBufAllocator.DEFAULT.directBuffer(8).writeInt(MAX_FRAME + 1).writeInt(0);

        // when
        channel.writeInbound(huge);

        // then
        assertThat(channel.isOpen()).isFalse();
        assertThat(huge.refCnt()).isZero();
        assertThat(call.handle((r, e) -> e).join()).isInstanceOf(DisconnectException.class);
    }

    @Test
    void aCallAfterTheConnectionClosedFailsAtOnce() {
        // given
        channel.close();

        // when
        CompletableFuture<AbstractResponse> call = send();

        // then
        assertThat(call.handle((r, e) -> e).join()).isInstanceOf(DisconnectException.class);
        assertThat((Object) channel.readOutbound()).isNull();
    }
}
