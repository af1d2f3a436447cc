package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.network.security.ListenerSecurity;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A controller listener shared by the Kafka protocol and Raft: Kafka connections (first byte 0) are served with the
 * listener's own handler, any other connection is relayed byte for byte to the Raft server's address.
 */
class SharedListenerTest {

    private static final int READ_TIMEOUT_MS = 10_000;

    private NettyServer server;
    private ServerSocket raft;
    private Thread echo;

    @AfterEach
    void tearDown() throws IOException {
        if (server != null) {
            server.close();
        }
        if (raft != null) {
            raft.close();
        }
    }

    @Test
    void servesKafkaWithItsOwnHandlerAndRelaysOtherBytesToRaft() throws Exception {
        // given a controller listener whose non-Kafka connections go to an echo server standing in for Ratis
        startEchoRaft();
        AtomicReference<String> servedBy = new AtomicReference<>();
        RequestHandler controllerHandler = (context, request) -> {
            servedBy.set(context.listenerName());
            return TestHandlers.apiVersionsHandler().handle(context, request);
        };
        server = new NettyServer(NetworkConfig.defaults(Endpoint.parseList(
                "PLAINTEXT://127.0.0.1:0,CONTROLLER://127.0.0.1:0")), TestHandlers.ALL_KNOWN_VERSIONS,
                (context, request) -> {
                    throw new AssertionError("the broker handler must not see controller listener requests");
                });
        server.serve("controller", new SharedListener(TestHandlers.ALL_KNOWN_VERSIONS, controllerHandler,
                () -> new InetSocketAddress(InetAddress.getLoopbackAddress(), raft.getLocalPort())));
        server.start();

        try (Socket kafka = connect(); Socket raftPeer = connect()) {
            // when a Kafka client and a Raft peer connect to the same port
            kafka.getOutputStream().write(KafkaWire.requestBytes(new ApiVersionsRequest.Builder().build((short) 3), 5));
            // More than the socket buffers hold, written while the relay connection is being made and read back
            // concurrently: nothing lost or reordered, and backpressure in both directions does not stall it.
            byte[] raftBytes = new byte[4 * 1024 * 1024];
            for (int i = 0; i < raftBytes.length; i++) {
                raftBytes[i] = (byte) (i % 251 + 1); // a varint length never starts with 0
            }
            OutputStream toRaft = raftPeer.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    toRaft.write(raftBytes);
                    toRaft.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "raft-peer-writer");
            writer.start();

            // then the Kafka request is answered by the controller handler and the Raft bytes come back unchanged
            KafkaWire.Response response = KafkaWire.parseResponse(readFrame(kafka), ApiKeys.API_VERSIONS, (short) 3);
            assertThat(response.correlationId()).isEqualTo(5);
            assertThat(response.body()).isInstanceOf(ApiVersionsResponse.class);
            assertThat(servedBy.get()).isEqualTo("CONTROLLER");
            byte[] echoed = new DataInputStream(raftPeer.getInputStream()).readNBytes(raftBytes.length);
            writer.join(READ_TIMEOUT_MS);
            assertThat(Arrays.equals(echoed, raftBytes)).as("relayed bytes").isTrue();
        }
    }

    @Test
    void closesARaftConnectionWhileTheRaftServerIsNotUp() throws Exception {
        // given
        server = new NettyServer(NetworkConfig.defaults(Endpoint.parseList("CONTROLLER://127.0.0.1:0")),
                TestHandlers.ALL_KNOWN_VERSIONS, TestHandlers.apiVersionsHandler());
        server.serve("CONTROLLER", new SharedListener(TestHandlers.ALL_KNOWN_VERSIONS,
                TestHandlers.apiVersionsHandler(), () -> null));
        server.start();

        try (Socket raftPeer = connect()) {
            // when
            raftPeer.getOutputStream().write(new byte[] {12, 10, 3});

            // then
            assertThat(raftPeer.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void refusesAControllerListenerThatIsNotPlaintext() {
        // given
        ListenerSecurity sasl = ListenerSecurity.create("CONTROLLER",
                org.apache.kafka.common.security.auth.SecurityProtocol.SASL_PLAINTEXT, Map.of(
                        "sasl.enabled.mechanisms", "PLAIN",
                        "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                                + "user_alice=\"alice-secret\";"),
                io.tributary.network.security.ScramCredentialStore.NONE, 5_000);
        server = new NettyServer(NetworkConfig.defaults(Endpoint.parseList("CONTROLLER://127.0.0.1:0")),
                TestHandlers.ALL_KNOWN_VERSIONS, TestHandlers.apiVersionsHandler(), Map.of("CONTROLLER", sasl));
        server.serve("CONTROLLER", new SharedListener(TestHandlers.ALL_KNOWN_VERSIONS,
                TestHandlers.apiVersionsHandler(), () -> null));

        // when / then
        assertThatThrownBy(server::start).hasMessageContaining("must be PLAINTEXT");
    }

    private void startEchoRaft() throws IOException {
        raft = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echo = new Thread(() -> {
            try (Socket peer = raft.accept()) {
                InputStream in = peer.getInputStream();
                OutputStream out = peer.getOutputStream();
                byte[] buffer = new byte[8192];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the test is over
            }
        }, "echo-raft");
        echo.setDaemon(true);
        echo.start();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.boundPort("CONTROLLER"));
        socket.setSoTimeout(READ_TIMEOUT_MS);
        return socket;
    }

    private static ByteBuffer readFrame(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        return ByteBuffer.wrap(frame);
    }
}
