package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class IdleConnectionsTest {

    private FakeBroker broker;

    @AfterEach
    void stopBroker() throws IOException {
        if (broker != null) broker.close();
    }

    @Test
    void opensEveryConnectionAsksApiVersionsAndMetadataAndFindsThemStillOpen() throws Exception {
        // given
        broker = new FakeBroker(Set.of(), false);

        // when
        IdleConnections.Outcome outcome;
        try (IdleConnections idle = new IdleConnections(broker.address(), "t", 30, 7, TimeUnit.SECONDS.toNanos(20))) {
            idle.start();
            assertThat(idle.awaitOpen()).isPositive();
            outcome = idle.stopAndCheck();
        }

        // then
        assertThat(outcome).isEqualTo(new IdleConnections.Outcome(30, 30, 0, null));
        assertThat(broker.requests).hasSize(60);
        assertThat(broker.requests.stream().filter(key -> key == ApiKeys.API_VERSIONS)).hasSize(30);
        assertThat(broker.requests.stream().filter(key -> key == ApiKeys.METADATA)).hasSize(30);
    }

    @Test
    void countsTheConnectionsTheBrokerClosedAfterSetUp() throws Exception {
        // given: connections 3 and 11 (in accept order) are closed once they have their Metadata
        broker = new FakeBroker(Set.of(3, 11), false);

        // when
        IdleConnections.Outcome outcome;
        try (IdleConnections idle = new IdleConnections(broker.address(), "t", 20, 20, TimeUnit.SECONDS.toNanos(20))) {
            idle.start();
            idle.awaitOpen();
            Thread.sleep(300);
            outcome = idle.stopAndCheck();
        }

        // then
        assertThat(outcome.total()).isEqualTo(20);
        assertThat(outcome.open()).isEqualTo(18);
        assertThat(outcome.closed()).isEqualTo(2);
        assertThat(outcome.firstClose()).contains("closed");
    }

    @Test
    void failsToOpenWhenTheBrokerClosesDuringSetUp() throws Exception {
        // given: the broker hangs up instead of answering ApiVersions
        broker = new FakeBroker(Set.of(), true);

        // then
        try (IdleConnections idle = new IdleConnections(broker.address(), "t", 5, 5, TimeUnit.SECONDS.toNanos(20))) {
            idle.start();
            assertThatThrownBy(idle::awaitOpen).isInstanceOf(IOException.class)
                    .hasMessageContaining("API_VERSIONS").hasMessageContaining("closed by the broker");
        }
    }

    /** Answers ApiVersions and Metadata on a thread per connection; may close chosen connections after set-up. */
    private static final class FakeBroker implements AutoCloseable {
        final List<ApiKeys> requests = new CopyOnWriteArrayList<>();
        private final ServerSocket server = new ServerSocket(0, 200, java.net.InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        FakeBroker(Set<Integer> closeAfterSetUp, boolean hangUpAtOnce) throws IOException {
            Thread acceptor = new Thread(() -> {
                try {
                    for (int index = 0; ; index++) {
                        Socket socket = server.accept();
                        sockets.add(socket);
                        boolean close = closeAfterSetUp.contains(index);
                        Thread serving = new Thread(() -> serve(socket, close, hangUpAtOnce));
                        serving.setDaemon(true);
                        serving.start();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
        }

        private void serve(Socket socket, boolean closeAfterSetUp, boolean hangUpAtOnce) {
            try {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                for (int answered = 0; answered < 2; answered++) {
                    byte[] frame = new byte[in.readInt()];
                    in.readFully(frame);
                    if (hangUpAtOnce) {
                        socket.close();
                        return;
                    }
                    RequestHeader header = RequestHeader.parse(ByteBuffer.wrap(frame));
                    requests.add(header.apiKey());
                    ApiMessage body = header.apiKey() == ApiKeys.API_VERSIONS
                            ? new ApiVersionsResponseData()
                            : metadataWithOneBroker();
                    ByteBuffer response = encode(body, header);
                    out.write(response.array(), 0, response.limit());
                    out.flush();
                }
                if (closeAfterSetUp) {
                    Thread.sleep(50);
                    socket.close();
                }
            } catch (IOException | InterruptedException ignored) {
                // the client went away
            }
        }

        private static MetadataResponseData metadataWithOneBroker() {
            MetadataResponseData.MetadataResponseBrokerCollection brokers =
                    new MetadataResponseData.MetadataResponseBrokerCollection();
            brokers.add(new MetadataResponseData.MetadataResponseBroker().setNodeId(1).setHost("localhost")
                    .setPort(1));
            return new MetadataResponseData().setBrokers(brokers).setClusterId("fake");
        }

        private static ByteBuffer encode(ApiMessage body, RequestHeader request) {
            short version = request.apiVersion();
            short headerVersion = request.apiKey().responseHeaderVersion(version);
            ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(request.correlationId());
            ObjectSerializationCache cache = new ObjectSerializationCache();
            MessageSizeAccumulator size = new MessageSizeAccumulator();
            header.addSize(size, cache, headerVersion);
            body.addSize(size, cache, version);
            ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES + size.totalSize()).putInt(size.totalSize());
            ByteBufferAccessor accessor = new ByteBufferAccessor(buffer);
            header.write(accessor, cache, headerVersion);
            body.write(accessor, cache, version);
            return buffer.flip();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) socket.close();
        }
    }
}
