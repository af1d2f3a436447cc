package io.tributary.embedded.startstop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.embedded.EmbeddedTributary;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many start/stop cycles in one JVM leave nothing behind: no thread, file descriptor, direct memory or port.
 * {@code -Dtributary.startstop.cycles=1000} for the long run; CI runs 150. Isolated: brokers of tests running in
 * parallel would blur the counts.
 */
@Isolated
class StartStopLeakTest {

    private static final Logger LOG = LoggerFactory.getLogger(StartStopLeakTest.class);
    private static final int CYCLES = Integer.getInteger("tributary.startstop.cycles", 150);
    private static final int WARM_UP = 10;
    private static final long DIRECT_MEMORY_SLACK = 16L << 20;

    @Test
    void startStopCyclesLeakNothing() throws Exception {
        // given a JVM that has run brokers before (class loading, JIT threads, Netty's allocator arenas)
        for (int i = 0; i < WARM_UP; i++) {
            cycle();
        }
        System.gc();
        ProcessResources baseline = ProcessResources.now();

        // when brokers start, answer and close, over and over
        long totalStartNanos = 0;
        int lastPort = -1;
        for (int i = 0; i < CYCLES; i++) {
            long t0 = System.nanoTime();
            lastPort = cycle();
            totalStartNanos += System.nanoTime() - t0;
        }

        // then: threads, descriptors and direct memory are back at the baseline, and the last port is free
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ProcessResources after = ProcessResources.now();
            assertThat(after.newThreadsSince(baseline)).as("threads started and not stopped").isEmpty();
            if (baseline.openFileDescriptors() >= 0) {
                assertThat(after.openFileDescriptors()).as("open file descriptors")
                        .isLessThanOrEqualTo(baseline.openFileDescriptors() + 2);
            }
            assertThat(after.directMemoryBytes()).as("direct memory in use")
                    .isLessThanOrEqualTo(baseline.directMemoryBytes() + DIRECT_MEMORY_SLACK);
        });
        assertThat(canBind(lastPort)).as("port %d free after close", lastPort).isTrue();
        ProcessResources after = ProcessResources.now();
        LOG.warn("{} start/answer/close cycles: {} ms each on average; threads {} -> {}, fds {} -> {}, "
                        + "direct memory {} -> {} KiB", CYCLES, totalStartNanos / CYCLES / 1_000_000,
                baseline.threads().size(), after.threads().size(), baseline.openFileDescriptors(),
                after.openFileDescriptors(), baseline.directMemoryBytes() >> 10, after.directMemoryBytes() >> 10);
    }

    private static int cycle() {
        try (EmbeddedTributary broker = EmbeddedTributary.builder().start()) {
            assertThat(MetadataProbe.brokersNamedBy("localhost", broker.port())).isEqualTo(1);
            return broker.port();
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
