package io.tributary.it.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against an echo server: pass, drop each way, heal (closing the damaged connection), delay. */
class LinkProxyTest {

    private ServerSocket echoServer;
    private Thread echo;
    private LinkProxy proxy;

    @BeforeEach
    void startEchoServerBehindProxy() throws IOException {
        echoServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echo = new Thread(this::echoUntilClosed, "echo");
        echo.setDaemon(true);
        echo.start();
        proxy = new LinkProxy("echo", echoServer.getLocalPort());
    }

    @AfterEach
    void close() throws IOException {
        proxy.close();
        echoServer.close();
    }

    @Test
    void passesBytesBothWays() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
        }
    }

    @Test
    void droppingEitherDirectionStallsTheRoundTripAndHealingClosesTheDamagedConnection() throws IOException {
        for (LinkMode drop : new LinkMode[] {LinkMode.dropToNode(), LinkMode.dropFromNode(), LinkMode.dropBoth()}) {
            // given an open connection
            try (Socket socket = connect()) {
                assertThat(roundTrip(socket, "before")).isEqualTo("before");

                // when the link drops
                proxy.set(drop);

                // then nothing comes back
                assertThat(roundTrip(socket, "during")).as("%s", drop).isNull();

                // and when it heals, the connection that lost bytes is closed while new ones work
                proxy.set(LinkMode.PASS);
                await("closed").atMost(Duration.ofSeconds(5)).until(() -> isClosedByPeer(socket));
            }
            try (Socket socket = connect()) {
                assertThat(roundTrip(socket, "after")).isEqualTo("after");
            }
        }
        assertThat(proxy.droppedBytes()).isPositive();
    }

    @Test
    void delayHoldsBytesButKeepsTheConnection() throws IOException {
        try (Socket socket = connect()) {
            proxy.set(LinkMode.delayed(Duration.ofMillis(300)));
            long start = System.nanoTime();
            assertThat(roundTrip(socket, "slow")).isEqualTo("slow");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
            proxy.set(LinkMode.PASS);
            assertThat(roundTrip(socket, "fast")).isEqualTo("fast");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(1_500);
        return socket;
    }

    /** Sends the text and reads as many bytes back, or null when they do not come within the socket timeout. */
    private static String roundTrip(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes());
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] back = new byte[text.length()];
        int read = 0;
        try {
            while (read < back.length) {
                int count = in.read(back, read, back.length - read);
                if (count < 0) {
                    return null;
                }
                read += count;
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(back);
    }

    private static boolean isClosedByPeer(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private void echoUntilClosed() {
        while (!echoServer.isClosed()) {
            try {
                Socket socket = echoServer.accept();
                Thread thread = new Thread(() -> {
                    try (socket) {
                        socket.getInputStream().transferTo(socket.getOutputStream());
                    } catch (IOException ignored) {
                        // the client or the proxy went away
                    }
                }, "echo-connection");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }
}
