package io.tributary.it.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.RawKafkaConnection;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The wire protocol seen from a plain socket: versions, framing errors and pipelining. */
class RawProtocolIT {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @ParameterizedTest(name = "ApiVersions v{0}")
    @ValueSource(shorts = {0, 1, 2, 3})
    void answersApiVersions(short version) throws Exception {
        // given
        try (RawKafkaConnection connection = open()) {
            RequestHeader header = RawKafkaConnection.header(ApiKeys.API_VERSIONS, version, 100 + version);

            // when
            ApiVersionsResponse response = connection.roundTrip(new ApiVersionsRequest.Builder().build(version), header);

            // then
            assertThat(response.data().errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(response.data().apiKeys()).extracting(ApiVersion::apiKey)
                    .contains(ApiKeys.API_VERSIONS.id, ApiKeys.METADATA.id, ApiKeys.PRODUCE.id, ApiKeys.FETCH.id,
                            ApiKeys.LIST_OFFSETS.id, ApiKeys.CREATE_TOPICS.id);
            assertThat(response.data().apiKeys()).allSatisfy(api ->
                    assertThat(api.minVersion()).isBetween((short) 0, api.maxVersion()));
            ApiVersion apiVersions = response.data().apiKeys().find(ApiKeys.API_VERSIONS.id);
            assertThat(apiVersions.maxVersion()).isGreaterThanOrEqualTo((short) 3);
        }
    }

    @Test
    void unsupportedApiVersionsVersionGetsUnsupportedVersionWithAV0Body() throws Exception {
        // given an ApiVersions v127 request, framed as a newer client would (flexible header and body)
        int correlationId = 4242;
        byte[] request = apiVersionsV127(correlationId);

        try (RawKafkaConnection connection = open()) {
            // when
            connection.writeRaw(RawKafkaConnection.frameOf(request));
            ByteBuffer response = connection.receiveFrame();

            // then: response header v0, then exactly a v0 body (error, int32-counted array of key/min/max)
            assertThat(response.getInt()).isEqualTo(correlationId);
            assertThat(response.getShort()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
            int count = response.getInt();
            assertThat(count).isPositive();
            List<Short> apiKeys = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                apiKeys.add(response.getShort());
                short min = response.getShort();
                short max = response.getShort();
                assertThat(min).isLessThanOrEqualTo(max);
            }
            assertThat(apiKeys).contains(ApiKeys.API_VERSIONS.id);
            assertThat(response.remaining()).as("bytes after the v0 body").isZero();
        }
    }

    @Test
    void garbageFrameClosesOnlyThatConnection() throws Exception {
        // given
        try (RawKafkaConnection victim = open(); RawKafkaConnection bystander = open()) {
            byte[] garbage = {0x7f, 0x6e, 0x5d, 0x4c, 0x3b, 0x2a, 0x19, 0x08, 0x00, 0x11, 0x22, 0x33};

            // when
            victim.writeRaw(RawKafkaConnection.frameOf(garbage));

            // then
            assertThat(victim.closedByPeerWithin(CLOSE_TIMEOUT)).as("connection that sent garbage closed").isTrue();
            assertApiVersionsWorks(bystander, 7);
            try (RawKafkaConnection newcomer = open()) {
                assertApiVersionsWorks(newcomer, 8);
            }
        }
    }

    @ParameterizedTest(name = "frame size {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 200 * 1024 * 1024, -5})
    void oversizedOrNegativeFrameSizeClosesTheConnection(int frameSize) throws Exception {
        // given
        try (RawKafkaConnection connection = open()) {
            // when
            connection.writeRaw(ByteBuffer.allocate(12).putInt(frameSize).putLong(0L).array());

            // then
            assertThat(connection.closedByPeerWithin(CLOSE_TIMEOUT)).isTrue();
        }
        try (RawKafkaConnection next = open()) {
            assertApiVersionsWorks(next, 9);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        // given a mix of request types written in a single burst
        List<RequestHeader> headers = new ArrayList<>();
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < 10; i++) {
            int correlationId = 1_000 + i * 7;
            AbstractRequest request;
            RequestHeader header;
            if (i % 2 == 0) {
                header = RawKafkaConnection.header(ApiKeys.API_VERSIONS, (short) 3, correlationId);
                request = new ApiVersionsRequest.Builder().build((short) 3);
            } else {
                header = RawKafkaConnection.header(ApiKeys.METADATA, (short) 12, correlationId);
                request = MetadataRequest.Builder.allTopics().build((short) 12);
            }
            headers.add(header);
            burst.write(RawKafkaConnection.frameOf(request, header));
        }

        try (RawKafkaConnection connection = open()) {
            // when
            connection.writeRaw(burst.toByteArray());

            // then: parsing with each header in turn checks correlation ids and response types
            for (RequestHeader header : headers) {
                AbstractResponse response = connection.receive(header);
                assertThat(response.apiKey()).isEqualTo(header.apiKey());
            }
        }
    }

    private static RawKafkaConnection open() throws Exception {
        return RawKafkaConnection.open("localhost", broker.port());
    }

    private static void assertApiVersionsWorks(RawKafkaConnection connection, int correlationId) throws Exception {
        RequestHeader header = RawKafkaConnection.header(ApiKeys.API_VERSIONS, (short) 3, correlationId);
        ApiVersionsResponse response = connection.roundTrip(new ApiVersionsRequest.Builder().build((short) 3), header);
        assertThat(response.data().errorCode()).isEqualTo(Errors.NONE.code());
    }

    /** Header v2 (flexible) and a v3-shaped body, with api_version 127. */
    private static byte[] apiVersionsV127(int correlationId) {
        byte[] clientId = "raw-it".getBytes(StandardCharsets.UTF_8);
        byte[] softwareName = "raw-it".getBytes(StandardCharsets.UTF_8);
        byte[] softwareVersion = "1.0".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(64);
        buffer.putShort(ApiKeys.API_VERSIONS.id).putShort((short) 127).putInt(correlationId);
        buffer.putShort((short) clientId.length).put(clientId);
        buffer.put((byte) 0); // header tagged fields: none
        buffer.put((byte) (softwareName.length + 1)).put(softwareName); // compact string: length + 1
        buffer.put((byte) (softwareVersion.length + 1)).put(softwareVersion);
        buffer.put((byte) 0); // body tagged fields: none
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }
}
