package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.network.KafkaWire.Response;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.FetchResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NettyServerTest {

    private static final short API_VERSIONS_V3 = 3;
    private static final int READ_TIMEOUT_MS = 10_000;

    @TempDir
    Path tempDir;

    private NettyServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void answersApiVersionsFromAPlainSocket() throws Exception {
        // given
        server = start(NetworkConfig.defaults(Endpoint.parseList("PLAINTEXT://127.0.0.1:0")),
                TestHandlers.apiVersionsHandler());

        try (Socket socket = connect("PLAINTEXT")) {
            // when
            socket.getOutputStream().write(
                    KafkaWire.requestBytes(new ApiVersionsRequest.Builder().build(API_VERSIONS_V3), 17));

            // then
            Response response = KafkaWire.parseResponse(readFrame(socket), ApiKeys.API_VERSIONS, API_VERSIONS_V3);
            assertThat(response.correlationId()).isEqualTo(17);
            ApiVersionsResponse body = (ApiVersionsResponse) response.body();
            assertThat(body.data().errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(body.apiVersion(ApiKeys.METADATA.id)).isNotNull();
        }
    }

    @Test
    void answersAnApiVersionsRequestFromTheFutureAtVersionZero() throws Exception {
        // given
        server = start(NetworkConfig.defaults(Endpoint.parseList("PLAINTEXT://127.0.0.1:0")),
                TestHandlers.apiVersionsHandler());

        try (Socket socket = connect("PLAINTEXT")) {
            // when
            socket.getOutputStream().write(
                    KafkaWire.headerOnlyBytes(ApiKeys.API_VERSIONS, (short) 99, 3, new byte[] {0}));

            // then
            Response response = KafkaWire.parseResponse(readFrame(socket), ApiKeys.API_VERSIONS, (short) 0, (short) 0);
            assertThat(response.correlationId()).isEqualTo(3);
            assertThat(((ApiVersionsResponse) response.body()).data().errorCode())
                    .isEqualTo(Errors.UNSUPPORTED_VERSION.code());
        }
    }

    @Test
    void servesEveryListenerOnItsOwnPort() throws Exception {
        // given
        server = start(NetworkConfig.defaults(Endpoint.parseList("PLAINTEXT://127.0.0.1:0,INTERNAL://:0")),
                TestHandlers.apiVersionsHandler());

        // when
        int plaintextPort = server.boundPort("PLAINTEXT");
        int internalPort = server.boundPort("internal");

        // then
        assertThat(plaintextPort).isPositive().isNotEqualTo(internalPort);
        try (Socket socket = connect("INTERNAL")) {
            socket.getOutputStream().write(
                    KafkaWire.requestBytes(new ApiVersionsRequest.Builder().build(API_VERSIONS_V3), 1));
            assertThat(KafkaWire.parseResponse(readFrame(socket), ApiKeys.API_VERSIONS, API_VERSIONS_V3)
                    .correlationId()).isEqualTo(1);
        }
        assertThatThrownBy(() -> server.boundPort("EXTERNAL")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendsFileRegionRecordsOverTheSocketAndLeavesTheFileOpen() throws Exception {
        // given
        String[] values = new String[20_000];
        java.util.Arrays.fill(values, "value-with-some-padding-to-make-the-segment-larger-than-socket-buffers");
        byte[] recordBytes = ZeroCopyResponseTest.bytesOf(ZeroCopyResponseTest.records(values));
        Path segment = tempDir.resolve("segment.log");
        Files.write(segment, recordBytes);

        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.READ)) {
            RequestHandler fetchHandler = (context, request) -> CompletableFuture.supplyAsync(() -> {
                PartitionData partition = new PartitionData().setPartitionIndex(0)
                        .setRecords(new FileRegionRecords(file, 0, recordBytes.length));
                return ResponseAction.send(FetchResponse.of(new FetchResponseData().setResponses(List.of(
                        new FetchableTopicResponse().setTopicId(Uuid.randomUuid())
                                .setPartitions(List.of(partition))))));
            });
            server = start(NetworkConfig.defaults(Endpoint.parseList("PLAINTEXT://127.0.0.1:0")), fetchHandler);

            try (Socket socket = connect("PLAINTEXT")) {
                // when
                socket.getOutputStream().write(KafkaWire.requestBytes(ZeroCopyResponseTest.fetchRequest(), 5));

                // then
                short version = ApiKeys.FETCH.latestVersion();
                Response response = KafkaWire.parseResponse(readFrame(socket), ApiKeys.FETCH, version);
                MemoryRecords received = (MemoryRecords) ((FetchResponse) response.body()).data().responses().get(0)
                        .partitions().get(0).records();
                assertThat(ZeroCopyResponseTest.bytesOf(received)).isEqualTo(recordBytes);
                assertThat(file.isOpen()).isTrue();
            }
        }
    }

    @Test
    void oversizedRequestClosesOnlyThatConnection() throws Exception {
        // given
        NetworkConfig config = new NetworkConfig(Endpoint.parseList("PLAINTEXT://127.0.0.1:0"), 1024,
                NetworkConfig.DEFAULT_CONNECTIONS_MAX_IDLE_MS, 1, -1, -1);
        server = start(config, TestHandlers.apiVersionsHandler());

        try (Socket bad = connect("PLAINTEXT"); Socket good = connect("PLAINTEXT")) {
            // when
            bad.getOutputStream().write(ByteBuffer.allocate(4).putInt(1025).array());

            // then
            assertThat(bad.getInputStream().read()).isEqualTo(-1);
            good.getOutputStream().write(
                    KafkaWire.requestBytes(new ApiVersionsRequest.Builder().build(API_VERSIONS_V3), 2));
            assertThat(KafkaWire.parseResponse(readFrame(good), ApiKeys.API_VERSIONS, API_VERSIONS_V3)
                    .correlationId()).isEqualTo(2);
        }
    }

    @Test
    void idleConnectionIsClosedByTheServer() throws Exception {
        // given
        NetworkConfig config = new NetworkConfig(Endpoint.parseList("PLAINTEXT://127.0.0.1:0"),
                NetworkConfig.DEFAULT_MAX_REQUEST_BYTES, 300, 1, -1, -1);
        server = start(config, TestHandlers.apiVersionsHandler());

        try (Socket socket = connect("PLAINTEXT")) {
            // when
            int read = socket.getInputStream().read();

            // then
            assertThat(read).isEqualTo(-1);
        }
    }

    @Test
    void closeDisconnectsClients() throws Exception {
        // given
        server = start(NetworkConfig.defaults(Endpoint.parseList("PLAINTEXT://127.0.0.1:0")),
                TestHandlers.apiVersionsHandler());
        try (Socket socket = connect("PLAINTEXT")) {
            socket.getOutputStream().write(
                    KafkaWire.requestBytes(new ApiVersionsRequest.Builder().build(API_VERSIONS_V3), 1));
            readFrame(socket);

            // when
            server.close();

            // then
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void failsToStartWhenAPortIsTaken() throws Exception {
        // given
        server = start(NetworkConfig.defaults(Endpoint.parseList("PLAINTEXT://127.0.0.1:0")),
                TestHandlers.apiVersionsHandler());
        int taken = server.boundPort("PLAINTEXT");
        NettyServer second = new NettyServer(
                NetworkConfig.defaults(Endpoint.parseList("PLAINTEXT://127.0.0.1:" + taken)),
                TestHandlers.ALL_KNOWN_VERSIONS, TestHandlers.apiVersionsHandler());

        // when / then
        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PLAINTEXT");
        second.close();
    }

    private static NettyServer start(NetworkConfig config, RequestHandler handler) throws InterruptedException {
        NettyServer started = new NettyServer(config, TestHandlers.ALL_KNOWN_VERSIONS, handler);
        started.start();
        return started;
    }

    private Socket connect(String listener) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.boundPort(listener));
        socket.setSoTimeout(READ_TIMEOUT_MS);
        return socket;
    }

    private static ByteBuffer readFrame(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        try {
            byte[] frame = new byte[in.readInt()];
            in.readFully(frame);
            return ByteBuffer.wrap(frame);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No response within " + READ_TIMEOUT_MS + " ms", e);
        }
    }
}
