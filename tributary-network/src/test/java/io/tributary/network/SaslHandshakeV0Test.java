package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.network.TestHandlers.ManualHandler;
import io.tributary.network.security.ListenerSecurity;
import io.tributary.network.security.ScramCredentialStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.requests.SaslHandshakeResponse;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SaslHandshake v0: the raw SASL tokens that follow it, answered bare and in turn behind earlier responses. */
class SaslHandshakeV0Test {

    private static final String LISTENER = "SASL_PLAINTEXT";

    private final ManualHandler handler = new ManualHandler();
    private final EmbeddedChannel channel = open(handler);

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        handler.stages.forEach(stage -> stage.complete(ResponseAction.noResponse()));
    }

    @Test
    void theRawTokenReplyWaitsForEarlierResponsesThenKafkaRequestsFollow() {
        // given an ApiVersions request still being handled, then a v0 handshake and its raw PLAIN token
        channel.writeInbound(KafkaWire.requestFrame(new ApiVersionsRequest.Builder().build((short) 3), 1));
        channel.writeInbound(KafkaWire.requestFrame(handshakeV0(), 2));
        channel.writeInbound(rawFrame("\0alice\0alice-secret"));
        assertThat(KafkaWire.drainOutbound(channel)).isEmpty();

        // when the ApiVersions answer comes
        handler.answerApiVersions(0);

        // then the three answers go out in order, the token's as a bare empty frame
        List<ByteBuffer> frames = KafkaWire.frames(KafkaWire.drainOutbound(channel));
        assertThat(frames).hasSize(3);
        assertThat(KafkaWire.parseResponse(frames.get(0), ApiKeys.API_VERSIONS, (short) 3).correlationId()).isEqualTo(1);
        KafkaWire.Response handshake = KafkaWire.parseResponse(frames.get(1), ApiKeys.SASL_HANDSHAKE, (short) 0);
        assertThat(handshake.correlationId()).isEqualTo(2);
        assertThat(((SaslHandshakeResponse) handshake.body()).error()).isEqualTo(Errors.NONE);
        assertThat(frames.get(2).remaining()).isZero();

        // and the next frame is a Kafka request again, from the authenticated user
        channel.writeInbound(KafkaWire.requestFrame(new MetadataRequest(new MetadataRequestData().setTopics(null),
                (short) 12), 3));
        assertThat(handler.requests).hasSize(2);
        assertThat(handler.contexts.get(1).principal()).isEqualTo(new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "alice"));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aFailedRawExchangeClosesWithoutAnAnswer() {
        channel.writeInbound(KafkaWire.requestFrame(handshakeV0(), 1));
        KafkaWire.drainOutbound(channel);

        channel.writeInbound(rawFrame("\0alice\0wrong"));

        assertThat(KafkaWire.drainOutbound(channel)).isEmpty();
        assertThat(channel.isOpen()).isFalse();
        assertThat(handler.requests).isEmpty();
    }

    private static SaslHandshakeRequest handshakeV0() {
        return new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("PLAIN")).build((short) 0);
    }

    private static io.netty.buffer.ByteBuf rawFrame(String token) {
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        return Unpooled.wrappedBuffer(ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array());
    }

    private static EmbeddedChannel open(RequestHandler handler) {
        ListenerSecurity security = ListenerSecurity.create(LISTENER, SecurityProtocol.SASL_PLAINTEXT, Map.of(
                "sasl.enabled.mechanisms", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "user_alice=\"alice-secret\";"), ScramCredentialStore.NONE, 5_000);
        AtomicLong indexes = new AtomicLong();
        return new EmbeddedChannel(new ConnectionInitializer(
                NetworkConfig.defaults(List.of(new Endpoint(LISTENER, "", 0))), security,
                TestHandlers.ALL_KNOWN_VERSIONS, handler, indexes::getAndIncrement, null,
                new ConnectionQuotas(ConnectionLimits.NONE)));
    }
}
