package io.tributary.embedded.startstop;

import io.tributary.embedded.EmbeddedTributary;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Starts and stops single-node brokers in one JVM, side by side: Tributary's {@link EmbeddedTributary} and Apache
 * Kafka's own {@code KafkaClusterTestKit} (one combined broker+controller node). Each start is timed from the call
 * to the first answered Metadata request over a raw socket; each close until it returns. Run one kind per JVM
 * ({@code bench/embedded.sh} alternates them). Arguments: {@code tributary|kafka [cycles]}.
 */
public final class StartStopHarness {

    private interface Broker extends AutoCloseable {
        int port();

        @Override
        void close() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "tributary";
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 100;

        double[] cold = cycle(kind);
        System.gc();
        ProcessResources baseline = ProcessResources.now();
        double[] starts = new double[cycles];
        double[] closes = new double[cycles];
        for (int i = 0; i < cycles; i++) {
            double[] times = cycle(kind);
            starts[i] = times[0];
            closes[i] = times[1];
        }
        Thread.sleep(2_000); // threads finishing their last work after close are not leaks
        System.gc();
        ProcessResources after = ProcessResources.now();

        System.out.printf(Locale.ROOT, "{\"kind\":\"%s\",\"cycles\":%d,\"cold_start_ms\":%.1f,\"cold_close_ms\":%.1f,"
                        + "\"start_ms\":%s,\"close_ms\":%s,\"threads_before\":%d,\"threads_after\":%d,"
                        + "\"new_threads\":%d,\"fds_before\":%d,\"fds_after\":%d,\"direct_kib_before\":%d,"
                        + "\"direct_kib_after\":%d,\"heap_used_mib_after_gc\":%d,\"rss_mib\":%d}%n",
                kind, cycles, cold[0], cold[1], summary(starts), summary(closes), baseline.threads().size(),
                after.threads().size(), after.newThreadsSince(baseline).size(), baseline.openFileDescriptors(),
                after.openFileDescriptors(), baseline.directMemoryBytes() >> 10, after.directMemoryBytes() >> 10,
                heapUsedMib(), rssMib());
        System.exit(0); // Kafka's test kit may leave non-daemon threads behind
    }

    /** {start ms, close ms} of one broker. */
    private static double[] cycle(String kind) throws Exception {
        long t0 = System.nanoTime();
        Broker broker = kind.equals("kafka") ? kafka() : tributary();
        if (MetadataProbe.brokersNamedBy("localhost", broker.port()) != 1) {
            throw new IllegalStateException("Metadata answer names no broker");
        }
        long t1 = System.nanoTime();
        broker.close();
        long t2 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6};
    }

    private static Broker tributary() {
        EmbeddedTributary broker = EmbeddedTributary.builder().start();
        return new Broker() {
            @Override
            public int port() {
                return broker.port();
            }

            @Override
            public void close() {
                broker.close();
            }
        };
    }

    private static Broker kafka() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).build();
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes).build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        String bootstrap = kit.bootstrapServers().split(",")[0];
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        return new Broker() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() throws Exception {
                kit.close();
            }
        };
    }

    private static String summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "{\"min\":%.1f,\"median\":%.1f,\"p90\":%.1f,\"max\":%.1f}", sorted[0],
                sorted[sorted.length / 2], sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.9)],
                sorted[sorted.length - 1]);
    }

    private static long heapUsedMib() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static long rssMib() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) >> 10).findFirst().orElse(-1L);
    }
}
