package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultFileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.network.KafkaWire.Response;
import io.tributary.network.TestHandlers.ManualHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeroCopyResponseTest {

    private static final short FETCH_VERSION = ApiKeys.FETCH.latestVersion();
    private static final Uuid TOPIC_ID = Uuid.randomUuid();

    @TempDir
    Path tempDir;

    private final ManualHandler handler = new ManualHandler();
    private final EmbeddedChannel channel = EmbeddedConnections.open(handler);

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void fileRegionRecordsAreWrittenAsAFileRegionWithTheRightBytesAndTheFileStaysOpen() throws IOException {
        // given
        MemoryRecords records = records("a", "b", "c");
        byte[] recordBytes = bytesOf(records);
        byte[] padding = "segment-prefix".getBytes(StandardCharsets.UTF_8);
        Path segment = tempDir.resolve("00000000000000000000.log");
        Files.write(segment, concat(padding, recordBytes, padding));

        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.READ)) {
            channel.writeInbound(KafkaWire.requestFrame(fetchRequest(), 21));

            // when
            answerFetch(new FileRegionRecords(file, padding.length, recordBytes.length));

            // then
            assertThat(channel.outboundMessages()).anySatisfy(
                    message -> assertThat(message).isInstanceOf(DefaultFileRegion.class));
            Response response = singleFetchResponse();
            assertThat(response.correlationId()).isEqualTo(21);
            assertThat(bytesOf(partitionRecords(response))).isEqualTo(recordBytes);
            assertThat(file.isOpen()).isTrue();
        }
    }

    @Test
    void memoryRecordsAreWrittenFromTheirOwnBuffer() {
        // given
        MemoryRecords records = records("x", "y");
        int positionBefore = records.buffer().position();
        channel.writeInbound(KafkaWire.requestFrame(fetchRequest(), 22));

        // when
        answerFetch(records);

        // then
        assertThat(channel.outboundMessages()).hasSize(3);
        Response response = singleFetchResponse();
        assertThat(bytesOf(partitionRecords(response))).isEqualTo(bytesOf(records));
        assertThat(records.buffer().position()).isEqualTo(positionBefore);
    }

    @Test
    void emptyRecordsNeedNoSeparateBuffer() {
        // given
        channel.writeInbound(KafkaWire.requestFrame(fetchRequest(), 23));

        // when
        answerFetch(MemoryRecords.EMPTY);

        // then
        assertThat(channel.outboundMessages()).hasSize(1);
        assertThat(partitionRecords(singleFetchResponse()).sizeInBytes()).isZero();
    }

    private void answerFetch(BaseRecords records) {
        PartitionData partition = new PartitionData().setPartitionIndex(0).setHighWatermark(3)
                .setLastStableOffset(3).setLogStartOffset(0).setRecords(records);
        FetchResponseData data = new FetchResponseData().setResponses(List.of(
                new FetchableTopicResponse().setTopicId(TOPIC_ID).setPartitions(List.of(partition))));
        handler.stages.get(0).complete(ResponseAction.send(FetchResponse.of(data)));
    }

    private Response singleFetchResponse() {
        List<ByteBuffer> frames = KafkaWire.frames(KafkaWire.drainOutbound(channel));
        assertThat(frames).hasSize(1);
        return KafkaWire.parseResponse(frames.get(0), ApiKeys.FETCH, FETCH_VERSION);
    }

    private static MemoryRecords partitionRecords(Response response) {
        FetchResponseData data = ((FetchResponse) response.body()).data();
        return (MemoryRecords) data.responses().get(0).partitions().get(0).records();
    }

    static FetchRequest fetchRequest() {
        return FetchRequest.Builder.forConsumer(FETCH_VERSION, 500, 1, java.util.Map.of()).build(FETCH_VERSION);
    }

    static MemoryRecords records(String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(values[i].getBytes(StandardCharsets.UTF_8));
        }
        return MemoryRecords.withRecords(Compression.NONE, records);
    }

    static byte[] bytesOf(MemoryRecords records) {
        ByteBuffer buffer = records.buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer joined = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            joined.put(part);
        }
        return joined.array();
    }
}
