package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A response carrying a quota throttle is written at once, then the connection is not read for that long. */
class ThrottledConnectionTest {

    private static final int THROTTLE_MS = 500;

    private NettyServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theNextRequestIsReadOnlyOnceTheThrottleTimeHasPassed() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        server = new NettyServer(NetworkConfig.defaults(Endpoint.parseList("PLAINTEXT://127.0.0.1:0")),
                TestHandlers.ALL_KNOWN_VERSIONS, (context, request) -> {
                    ResponseAction answer = ResponseAction.send(
                            TestHandlers.apiVersionsResponse((ApiVersionsRequest) request));
                    return CompletableFuture.completedFuture(
                            handled.getAndIncrement() == 1 ? answer.throttledFor(THROTTLE_MS) : answer);
                });
        server.start();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.boundPort("PLAINTEXT"))) {
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            // a first, unthrottled round trip (class loading, JIT) so the timings below are the throttle's
            socket.getOutputStream().write(apiVersions(0));
            readFrame(in);
            long start = System.nanoTime();
            socket.getOutputStream().write(apiVersions(1));
            readFrame(in);
            long firstAnswered = System.nanoTime();
            assertThat(TimeUnit.NANOSECONDS.toMillis(firstAnswered - start)).as("the throttled answer comes at once")
                    .isLessThan(THROTTLE_MS);

            socket.getOutputStream().write(apiVersions(2));
            readFrame(in);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstAnswered))
                    .as("the next request waits out the throttle").isGreaterThanOrEqualTo(THROTTLE_MS - 50);
            assertThat(handled).hasValue(3);
        }
    }

    private static byte[] apiVersions(int correlationId) {
        return KafkaWire.requestBytes(new ApiVersionsRequest.Builder().build((short) 3), correlationId);
    }

    private static void readFrame(DataInputStream in) throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
    }
}
