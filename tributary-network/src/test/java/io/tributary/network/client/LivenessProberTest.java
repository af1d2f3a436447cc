package io.tributary.network.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.network.client.LivenessProber.Result;
import io.tributary.network.client.LivenessProber.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a liveness probe concludes from what the kernel and the process behind a port do. */
class LivenessProberTest {

    /** Generous: the first answer read in a JVM loads and warms up Netty's buffer pools, slow on a busy machine. */
    private static final int TIMEOUT_MS = 5_000;
    private static final int SHORT_TIMEOUT_MS = 300;

    private final LivenessProber prober = new LivenessProber("probe-test", TIMEOUT_MS);
    private final LivenessProber impatient = new LivenessProber("probe-test", SHORT_TIMEOUT_MS);

    @AfterEach
    void close() {
        prober.close();
        impatient.close();
    }

    @Test
    void aPortNobodyListensOnMeansGone() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        assertThat(probe(port).verdict()).isEqualTo(Verdict.GONE);
    }

    @Test
    void aConnectionClosedWithoutAnAnswerMeansGone() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket accepted = server.accept()) {
                    // closed at once, as a proxy in front of a dead process does
                } catch (IOException ignored) {
                    // the test is over
                }
            });
            acceptor.start();

            LivenessProber.Result result = probe(server.getLocalPort());
            assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.GONE);
            acceptor.join(5_000);
        }
    }

    @Test
    void aConnectionTheKernelAcceptsButNobodyAnswersIsUnknown() throws Exception {
        // a stopped (SIGSTOP) or GC-paused process: its kernel completes the handshake, it never answers
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();

            Result result = impatient.probe("127.0.0.1", silent.getLocalPort()).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);

            assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(SHORT_TIMEOUT_MS);
        }
    }

    @Test
    void anAnswerMeansAliveAndTheKeptConnectionReportsTheProcessGoingAway() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket[] accepted = new Socket[1];
            Thread answerer = new Thread(() -> {
                try {
                    accepted[0] = server.accept();
                    InputStream in = accepted[0].getInputStream();
                    in.read(new byte[4]); // the request's size prefix
                    accepted[0].getOutputStream().write(new byte[] {0, 0, 0, 1, 0});
                } catch (IOException ignored) {
                    // the test is over
                }
            });
            answerer.start();

            Result result = probe(server.getLocalPort());
            assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.ANSWERING);
            answerer.join(5_000);
            var lost = result.watch().lost().toCompletableFuture();
            assertThat(lost).isNotDone();

            accepted[0].close(); // the process dies: its kernel closes its sockets
            lost.get(5, TimeUnit.SECONDS);
        }
    }

    private Result probe(int port) throws Exception {
        return prober.probe("127.0.0.1", port).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
