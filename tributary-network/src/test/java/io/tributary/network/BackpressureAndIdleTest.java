package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.network.TestHandlers.ManualHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackpressureAndIdleTest {

    private static final long IDLE_MS = 1_000;

    private final ManualHandler handler = new ManualHandler();
    private final EmbeddedChannel channel = EmbeddedConnections.open(idleConfig(), TestHandlers.ALL_KNOWN_VERSIONS,
            handler);

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        handler.stages.forEach(stage -> stage.complete(ResponseAction.noResponse()));
    }

    @Test
    void readingPausesAtTheInFlightCapAndResumesWhenARequestIsAnswered() {
        // given
        int cap = ConnectionInitializer.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION;
        for (int correlationId = 0; correlationId < cap - 1; correlationId++) {
            channel.writeInbound(KafkaWire.requestFrame(apiVersionsRequest(), correlationId));
        }
        assertThat(channel.config().isAutoRead()).isTrue();

        // when
        channel.writeInbound(KafkaWire.requestFrame(apiVersionsRequest(), cap));

        // then
        assertThat(channel.config().isAutoRead()).isFalse();

        // when
        handler.answerApiVersions(0);

        // then
        assertThat(channel.config().isAutoRead()).isTrue();
        KafkaWire.drainOutbound(channel);
    }

    @Test
    void readingPausesWhileTheChannelIsNotWritable() {
        // when
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        channel.runPendingTasks();

        // then
        assertThat(channel.config().isAutoRead()).isFalse();

        // when
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        channel.runPendingTasks();

        // then
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void idleConnectionIsClosed() {
        // when
        channel.advanceTimeBy(IDLE_MS + 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        // then
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void connectionWithARequestInFlightIsNotClosedWhenIdle() {
        // given
        channel.writeInbound(KafkaWire.requestFrame(apiVersionsRequest(), 1));

        // when
        channel.advanceTimeBy(IDLE_MS + 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        // then
        assertThat(channel.isOpen()).isTrue();

        // when
        handler.answerApiVersions(0);
        KafkaWire.drainOutbound(channel);
        channel.advanceTimeBy(IDLE_MS + 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        // then
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void framesOfRequestsStillBeingHandledOutliveTheConnection() {
        // given
        channel.writeInbound(KafkaWire.requestFrame(apiVersionsRequest(), 1));

        // when
        channel.close();
        handler.answerApiVersions(0);

        // then
        assertThat(channel.isOpen()).isFalse();
        assertThat(KafkaWire.drainOutbound(channel)).isEmpty();
    }

    private static NetworkConfig idleConfig() {
        return new NetworkConfig(List.of(new Endpoint(EmbeddedConnections.LISTENER, "", 0)),
                NetworkConfig.DEFAULT_MAX_REQUEST_BYTES, IDLE_MS, 0, -1, -1);
    }

    private static ApiVersionsRequest apiVersionsRequest() {
        return new ApiVersionsRequest.Builder().build((short) 3);
    }
}
