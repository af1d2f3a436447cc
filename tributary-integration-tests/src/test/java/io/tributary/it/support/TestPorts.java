package io.tributary.it.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for brokers the tests start, chosen <em>below</em> the kernel's ephemeral range (Linux: 32768-60999).
 *
 * <p>A port picked with {@code new ServerSocket(0)} comes from the ephemeral range and is free only until the test
 * releases it; any outgoing connection or port-0 bind (a client, a broker's HTTP endpoint) may take it before the
 * broker binds it. Ports below that range are never handed out by the kernel, so once checked free they stay free
 * unless another test takes them: each JVM walks the range from its own random start, one port per call, so two
 * tests of one JVM never get the same port and two JVMs seldom do.
 */
public final class TestPorts {

    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    private static final AtomicInteger NEXT = new AtomicInteger(
            FIRST + ThreadLocalRandom.current().nextInt(LAST - FIRST));

    private TestPorts() {
    }

    /** A port that is free now and that no other call of this JVM returns (until the range wraps round). */
    public static int free() {
        for (int attempt = 0; attempt < LAST - FIRST; attempt++) {
            int port = next();
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + FIRST + "-" + LAST);
    }

    private static int next() {
        return NEXT.getAndUpdate(p -> p + 1 >= LAST ? FIRST : p + 1);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
