package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.network.KafkaWire.Response;
import io.tributary.network.TestHandlers.ManualHandler;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponseOrderingTest {

    private static final short API_VERSIONS_V3 = 3;

    private final ManualHandler handler = new ManualHandler();
    private final EmbeddedChannel channel = EmbeddedConnections.open(handler);

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        handler.stages.forEach(stage -> stage.complete(ResponseAction.noResponse()));
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrderWhenStagesCompleteOutOfOrder() {
        // given
        for (int correlationId = 1; correlationId <= 3; correlationId++) {
            channel.writeInbound(KafkaWire.requestFrame(apiVersionsRequest(), correlationId));
        }
        assertThat(handler.requests).hasSize(3);

        // when
        handler.answerApiVersions(2);
        handler.answerApiVersions(1);

        // then
        assertThat(KafkaWire.drainOutbound(channel)).isEmpty();

        // when
        handler.answerApiVersions(0);

        // then
        assertThat(correlationIds(KafkaWire.drainOutbound(channel), ApiKeys.API_VERSIONS, API_VERSIONS_V3))
                .containsExactly(1, 2, 3);
    }

    @Test
    void stagesCompletedOnAnotherThreadAreWrittenOnTheEventLoop() throws Exception {
        // given
        channel.writeInbound(KafkaWire.requestFrame(apiVersionsRequest(), 7));

        // when
        Thread completer = new Thread(() -> handler.answerApiVersions(0));
        completer.start();
        completer.join();
        channel.runPendingTasks();

        // then
        assertThat(correlationIds(KafkaWire.drainOutbound(channel), ApiKeys.API_VERSIONS, API_VERSIONS_V3))
                .containsExactly(7);
    }

    @Test
    void noResponseWritesNothingAndLetsLaterResponsesThrough() {
        // given
        ProduceRequest fireAndForget = ProduceRequest.builder(new ProduceRequestData().setAcks((short) 0)
                .setTimeoutMs(1000)).build();
        channel.writeInbound(KafkaWire.requestFrame(fireAndForget, 1));
        channel.writeInbound(KafkaWire.requestFrame(apiVersionsRequest(), 2));

        // when
        handler.answerApiVersions(1);
        handler.stages.get(0).complete(ResponseAction.noResponse());

        // then
        assertThat(correlationIds(KafkaWire.drainOutbound(channel), ApiKeys.API_VERSIONS, API_VERSIONS_V3))
                .containsExactly(2);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void closeConnectionWritesEarlierResponsesThenCloses() {
        // given
        channel.writeInbound(KafkaWire.requestFrame(apiVersionsRequest(), 1));
        channel.writeInbound(KafkaWire.requestFrame(apiVersionsRequest(), 2));
        channel.writeInbound(KafkaWire.requestFrame(apiVersionsRequest(), 3));

        // when
        handler.stages.get(1).complete(ResponseAction.closeConnection());
        handler.answerApiVersions(2);
        handler.answerApiVersions(0);

        // then
        assertThat(correlationIds(KafkaWire.drainOutbound(channel), ApiKeys.API_VERSIONS, API_VERSIONS_V3))
                .containsExactly(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void failedStageIsAnsweredWithTheRequestsErrorResponse() {
        // given
        short version = ApiKeys.METADATA.latestVersion();
        MetadataRequest request = new MetadataRequest.Builder(List.of("orders"), false, version).build(version);
        channel.writeInbound(KafkaWire.requestFrame(request, 11));

        // when
        handler.stages.get(0).completeExceptionally(new NotLeaderOrFollowerException("moved"));

        // then
        List<ByteBuffer> frames = KafkaWire.frames(KafkaWire.drainOutbound(channel));
        Response response = KafkaWire.parseResponse(frames.get(0), ApiKeys.METADATA, version);
        assertThat(response.correlationId()).isEqualTo(11);
        assertThat(((MetadataResponse) response.body()).topicMetadata())
                .singleElement()
                .satisfies(topic -> assertThat(topic.error()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER));
    }

    @Test
    void handlerThrowingIsAnsweredWithAGenericErrorAndTheConnectionStaysOpen() {
        // given
        EmbeddedChannel throwing = EmbeddedConnections.open((context, request) -> {
            throw new IllegalStateException("boom");
        });

        // when
        throwing.writeInbound(KafkaWire.requestFrame(apiVersionsRequest(), 5));

        // then
        List<ByteBuffer> frames = KafkaWire.frames(KafkaWire.drainOutbound(throwing));
        Response response = KafkaWire.parseResponse(frames.get(0), ApiKeys.API_VERSIONS, API_VERSIONS_V3);
        assertThat(response.correlationId()).isEqualTo(5);
        assertThat(((ApiVersionsResponse) response.body()).data().errorCode())
                .isEqualTo(Errors.UNKNOWN_SERVER_ERROR.code());
        assertThat(throwing.isOpen()).isTrue();
        throwing.finishAndReleaseAll();
    }

    @Test
    void contextDescribesTheConnectionAndRequest() {
        // when
        channel.writeInbound(KafkaWire.requestFrame(apiVersionsRequest(), 42));

        // then
        RequestContext context = handler.contexts.get(0);
        assertThat(context.apiKey()).isEqualTo(ApiKeys.API_VERSIONS);
        assertThat(context.apiVersion()).isEqualTo(API_VERSIONS_V3);
        assertThat(context.correlationId()).isEqualTo(42);
        assertThat(context.clientId()).isEqualTo(KafkaWire.CLIENT_ID);
        assertThat(context.listenerName()).isEqualTo(EmbeddedConnections.LISTENER);
        assertThat(context.connectionId()).endsWith("-0");
        assertThat(context.clientAddress()).isNotNull();
    }

    @Test
    void alreadyCompletedStagesAreFlushedAtTheEndOfTheRead() {
        // given
        EmbeddedChannel immediate = EmbeddedConnections.open(TestHandlers.apiVersionsHandler());
        byte[] first = KafkaWire.requestBytes(apiVersionsRequest(), 1);
        byte[] second = KafkaWire.requestBytes(apiVersionsRequest(), 2);
        byte[] both = ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();

        // when
        immediate.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(both));

        // then
        assertThat(correlationIds(KafkaWire.drainOutbound(immediate), ApiKeys.API_VERSIONS, API_VERSIONS_V3))
                .containsExactly(1, 2);
        immediate.finishAndReleaseAll();
    }

    private static ApiVersionsRequest apiVersionsRequest() {
        return new ApiVersionsRequest.Builder().build(API_VERSIONS_V3);
    }

    private static List<Integer> correlationIds(byte[] written, ApiKeys api, short version) {
        return KafkaWire.frames(written).stream()
                .map(frame -> KafkaWire.parseResponse(frame, api, version).correlationId())
                .toList();
    }
}
