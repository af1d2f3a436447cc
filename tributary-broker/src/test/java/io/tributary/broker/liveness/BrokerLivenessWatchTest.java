package io.tributary.broker.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.BrokersImage;
import io.tributary.metadata.image.ConfigsImage;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicsImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The active controller's liveness watch over real sockets: a broker whose port refuses connections is fenced at
 * once; one whose kernel accepts but whose process never answers (paused) is not; one that answers is not, until
 * it goes away.
 */
class BrokerLivenessWatchTest {

    private static final String LISTENER = "PLAINTEXT";
    private static final int SELF = 1;
    private static final long EPOCH = 42;

    private final List<String> fenced = new CopyOnWriteArrayList<>();
    private BrokerLivenessWatch watch;

    @AfterEach
    void close() {
        if (watch != null) {
            watch.close();
        }
    }

    @Test
    void aBrokerWhosePortRefusesConnectionsIsFencedAtOnce() throws Exception {
        int deadPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = gone.getLocalPort();
        }

        startWatching(deadPort);

        await().atMost(Duration.ofSeconds(5)).until(() -> fenced.contains("2@" + EPOCH));
    }

    @Test
    void aPausedBrokerWhoseKernelStillAcceptsIsNotFenced() throws Exception {
        try (ServerSocket paused = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            startWatching(paused.getLocalPort());

            Thread.sleep(2_500); // two probes time out (1 s each) and a third starts: still nothing fenced

            assertThat(fenced).isEmpty();
        }
    }

    @Test
    void anAnsweringBrokerIsWatchedAndFencedOnceItsProcessGoesAway() throws Exception {
        ServerSocket alive = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        Thread server = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = alive.accept();
                    accepted.add(socket);
                    socket.getInputStream().read(new byte[64]);
                    socket.getOutputStream().write(new byte[] {0, 0, 0, 1, 0});
                }
            } catch (IOException closed) {
                // the broker "dies"
            }
        });
        server.start();
        startWatching(alive.getLocalPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> !accepted.isEmpty());
        Thread.sleep(1_500);
        assertThat(fenced).isEmpty();

        // the process dies: its kernel closes the listening socket and the connections
        alive.close();
        for (Socket socket : accepted) {
            socket.close();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> fenced.contains("2@" + EPOCH));
        server.join(5_000);
    }

    private void startWatching(int port) {
        BrokerRegistration self = broker(SELF, 1);
        BrokerRegistration other = broker(2, port);
        MetadataImage image = new MetadataImage("cluster", 10, new TopicsImage(Map.of()), ConfigsImage.EMPTY,
                new BrokersImage(Map.of(SELF, self, 2, other)));
        watch = new BrokerLivenessWatch(SELF, LISTENER, () -> true, () -> image, (id, epoch) -> {
            fenced.add(id + "@" + epoch);
            return CompletableFuture.completedFuture(true);
        }, 1_000);
        watch.start();
    }

    private static BrokerRegistration broker(int id, int port) {
        return new BrokerRegistration(id, EPOCH, Uuid.randomUuid(),
                List.of(new BrokerRegistration.Listener(LISTENER, "127.0.0.1", port, SecurityProtocol.PLAINTEXT)),
                null, false, false);
    }
}
