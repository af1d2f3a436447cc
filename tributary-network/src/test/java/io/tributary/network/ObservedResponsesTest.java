package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.tributary.network.TestHandlers.ManualHandler;
import io.tributary.network.security.ListenerSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request timeline a {@link NetworkObserver} is told of: once per response, after it left, nothing extra sent. */
class ObservedResponsesTest {

    private record Completed(int correlationId, long writeNs, long sentNs, boolean answered) {
    }

    private final List<Completed> completed = new ArrayList<>();
    private final ManualHandler handler = new ManualHandler();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ConnectionInitializer(
            EmbeddedConnections.config(), ListenerSecurity.plaintext(EmbeddedConnections.LISTENER),
            TestHandlers.ALL_KNOWN_VERSIONS, handler, new AtomicLong()::getAndIncrement, null,
            new ConnectionQuotas(ConnectionLimits.NONE), new NetworkObserver() {
                @Override
                public void requestCompleted(RequestContext context, AbstractRequest request,
                                             AbstractResponse response, long receivedNs, long handlingNs,
                                             long localDoneNs, long completedNs, long writeNs, long sentNs,
                                             int throttleMs) {
                    completed.add(new Completed(context.correlationId(), writeNs, sentNs, response != null));
                }
            }, loop -> 0));

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void eachResponseIsObservedOnceAfterItWasFlushedWithNoExtraWrite() {
        // given
        for (int correlationId = 1; correlationId <= 2; correlationId++) {
            channel.writeInbound(KafkaWire.requestFrame(new ApiVersionsRequest.Builder().build(), correlationId));
        }

        // when
        handler.answerApiVersions(1);
        handler.answerApiVersions(0);

        // then: written and flushed; every message on the wire has bytes (no empty marker writes)
        List<Object> outbound = new ArrayList<>();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            outbound.add(message);
        }
        try {
            assertThat(outbound).isNotEmpty().allSatisfy(message ->
                    assertThat(((ByteBuf) message).readableBytes()).isPositive());
        } finally {
            outbound.forEach(ReferenceCountUtil::release);
        }
        assertThat(completed).extracting(Completed::correlationId).containsExactly(1, 2);
        assertThat(completed).allSatisfy(c -> {
            assertThat(c.answered()).isTrue();
            assertThat(c.sentNs()).isGreaterThanOrEqualTo(c.writeNs());
        });
    }
}
