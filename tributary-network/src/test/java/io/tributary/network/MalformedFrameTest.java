package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.tributary.network.TestHandlers.ManualHandler;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.ProduceRequest;

/**
 * Damaged request frames thrown at the production pipeline: whatever the bytes, a request either reaches the
 * handler parsed (and is answered) or the connection is closed; nothing escapes the pipeline, nothing leaks (tests
 * run with Netty's paranoid leak detection), and no announced size is allocated up front.
 */
class MalformedFrameTest {

    private enum Kind { FLIP, TRUNCATE, APPEND, SIZE }

    private record Mutation(Kind kind, int position, byte value) {
    }

    @Property(tries = 300)
    void aDamagedFrameIsAnsweredOrClosesOnlyItsConnection(@ForAll("validFrames") byte[] valid,
                                                          @ForAll("mutations") List<Mutation> mutations) {
        // given
        byte[] damaged = apply(valid, mutations);
        ManualHandler handler = new ManualHandler();
        EmbeddedChannel channel = EmbeddedConnections.open(handler);
        try {
            // when
            channel.writeInbound(Unpooled.wrappedBuffer(damaged));
            for (int i = 0; i < handler.requests.size(); i++) {
                AbstractRequest request = handler.requests.get(i);
                handler.stages.get(i).complete(ResponseAction.send(
                        request.getErrorResponse(new UnknownServerException("answered"))));
            }
            channel.runPendingTasks();

            // then: open connections have had every parsed request answered, in order
            channel.checkException();
            if (channel.isOpen()) {
                assertThat(KafkaWire.frames(KafkaWire.drainOutbound(channel))).hasSize(handler.requests.size());
            }
        } finally {
            releaseOutbound(channel);
            channel.finishAndReleaseAll();
        }
    }

    @Property(tries = 50)
    void anAnnouncedSizeAboveTheLimitClosesAtOnce(@ForAll("oversizedLengths") int announced) {
        // given a frame announcing more than socket.request.max.bytes
        ManualHandler handler = new ManualHandler();
        EmbeddedChannel channel = EmbeddedConnections.open(handler);
        try {
            // when
            channel.writeInbound(Unpooled.buffer().writeInt(announced).writeBytes(new byte[16]));

            // then
            assertThat(channel.isOpen()).isFalse();
            assertThat(handler.requests).isEmpty();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Provide
    Arbitrary<byte[]> validFrames() {
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(1L, "key".getBytes(StandardCharsets.UTF_8), "value".getBytes(StandardCharsets.UTF_8)),
                new SimpleRecord(2L, null, "second".getBytes(StandardCharsets.UTF_8)));
        ProduceRequestData produce = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(1000);
        ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData().setName("t");
        topic.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(records));
        produce.topicData().add(topic);
        List<AbstractRequest> requests = List.of(
                new ApiVersionsRequest.Builder().build((short) 3),
                new MetadataRequest.Builder(List.of("t", "u"), true).build((short) 12),
                ProduceRequest.builder(produce).build((short) 9),
                FetchRequest.Builder.forConsumer((short) 12, 500, 1, Map.of(new TopicPartition("t", 0),
                        new FetchRequest.PartitionData(Uuid.ZERO_UUID, 0, 0, 1 << 20,
                                Optional.empty()))).build((short) 12));
        return Arbitraries.of(requests).map(request -> KafkaWire.requestBytes(request, 7));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 4096),
                Arbitraries.bytes()).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Integer> oversizedLengths() {
        return Arbitraries.integers().between(EmbeddedConnections.config().maxRequestBytes() + 1, Integer.MAX_VALUE);
    }

    private static byte[] apply(byte[] frame, List<Mutation> mutations) {
        byte[] bytes = frame;
        for (Mutation m : mutations) {
            switch (m.kind()) {
                case FLIP -> {
                    bytes = bytes.clone();
                    if (bytes.length > 0) {
                        bytes[m.position() % bytes.length] ^= (byte) (m.value() == 0 ? 1 : m.value());
                    }
                }
                case TRUNCATE -> bytes = Arrays.copyOf(bytes, bytes.length == 0 ? 0 : m.position() % bytes.length);
                case APPEND -> {
                    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + m.position() % 64);
                    Arrays.fill(longer, bytes.length, longer.length, m.value());
                    bytes = longer;
                }
                case SIZE -> {
                    bytes = bytes.clone();
                    if (bytes.length >= 4) {
                        // the size prefix off by a little, the usual way framing goes wrong
                        int size = ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8)
                                | (bytes[3] & 0xff);
                        int changed = size + (m.value() % 16);
                        bytes[0] = (byte) (changed >>> 24);
                        bytes[1] = (byte) (changed >>> 16);
                        bytes[2] = (byte) (changed >>> 8);
                        bytes[3] = (byte) changed;
                    }
                }
                default -> throw new IllegalStateException(m.kind().name());
            }
        }
        return bytes;
    }

    private static void releaseOutbound(EmbeddedChannel channel) {
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ReferenceCountUtil.release(message);
        }
    }
}
