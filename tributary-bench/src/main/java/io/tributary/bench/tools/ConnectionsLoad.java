package io.tributary.bench.tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Many client connections, most of them idle, a few producing (bench/lib/scale/connections.sh). First the idle
 * clients connect ({@link IdleConnections}: ApiVersions, Metadata, then nothing; {@code connect_ms} is how long
 * all of them took). Then {@code --active} KafkaProducers (acks=all, linger.ms=0) send records of
 * {@code --record-size} bytes at {@code --rate} records per second in total, round-robin, for
 * {@code --warmup-seconds} and then {@code --seconds} measured: the send-to-acknowledgement latency of the measured
 * sends goes into an HdrHistogram. At the end of the measured window, with every connection still open, the broker's
 * resident memory and thread count are read from /proc, and its CPU time over the window (also without its JIT
 * compiler threads). Then the idle connections
 * are checked: one the broker closed is an error, as is a failed or unanswered send.
 *
 * <p>Writes {@code metric=value} and {@code error=message} lines ({@link Figures}) to stdout and {@code --output},
 * and with {@code --series} the longest latency and the acknowledgements per second of sending (warm-up included);
 * exits 2 when there are errors, 1 on bad options.
 */
public final class ConnectionsLoad {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private ConnectionsLoad() {
    }

    public static void main(String[] args) throws Exception {
        ConnectionsOptions options = NamedOptions.parseOrExit(args, ConnectionsOptions::parse);
        Figures.runAndExit("ConnectionsLoad", options.output(),
                figures -> run(options, figures, BrokerProcess.of(options.brokerPid(), options.clockTicks())));
    }

    static void run(ConnectionsOptions options, Figures figures, BrokerProcess broker) throws Exception {
        Properties clientConfig = ClientConfigFile.load(options.commandConfig());
        String protocol = clientConfig.getProperty("security.protocol", "PLAINTEXT");
        if (options.idleClients() > 0 && !protocol.equalsIgnoreCase("PLAINTEXT")) {
            figures.error("the idle connections speak PLAINTEXT only, not " + protocol);
            return;
        }
        IdleConnections idle = null;
        List<KafkaProducer<byte[], byte[]>> producers = new ArrayList<>();
        try {
            if (options.idleClients() > 0) {
                idle = new IdleConnections(firstAddress(options.bootstrapServers()), options.topic(),
                        options.idleClients(), options.connectConcurrency(),
                        TimeUnit.SECONDS.toNanos(options.connectTimeoutSeconds()));
                log("opening %d idle connections (%d at a time)", options.idleClients(), options.connectConcurrency());
                idle.start();
                long openNanos;
                try {
                    openNanos = idle.awaitOpen();
                } catch (IOException e) {
                    figures.error("opening the idle connections failed: " + e.getMessage());
                    return;
                }
                figures.put("connect_ms", openNanos / 1e6);
                log("%d idle connections open after %.0f ms", options.idleClients(), openNanos / 1e6);
            }
            for (int i = 0; i < options.activeClients(); i++)
                producers.add(new KafkaProducer<>(producerProps(options, i)));
            SendTally tally = new SendTally(System.nanoTime(), options.warmupSeconds() + options.seconds());
            Window window = sendAtFixedRate(options, producers, tally, broker);
            for (KafkaProducer<byte[], byte[]> producer : producers) producer.flush();
            log("sent %d records (%d measured), %d acknowledged, %d failed", tally.sent(), tally.measuredSent(),
                    tally.acked(), tally.failed());
            IdleConnections.Outcome outcome = idle == null ? null : idle.stopAndCheck();
            report(options, tally, window, outcome, broker, figures);
            if (options.series() != null)
                Files.writeString(Path.of(options.series()), tally.seriesCsv(), StandardCharsets.UTF_8);
        } finally {
            for (KafkaProducer<byte[], byte[]> producer : producers) producer.close(CLOSE_TIMEOUT);
            if (idle != null) idle.close();
        }
    }

    /** The measured window: its length, and the broker's footprint at its end (all connections open) and CPU in it. */
    record Window(long nanos, long cpuTicksBefore, long cpuTicksAfter, long jitTicksBefore, long jitTicksAfter,
                  double rssMib, long threads) {
    }

    private static Window sendAtFixedRate(ConnectionsOptions options, List<KafkaProducer<byte[], byte[]>> producers,
                                          SendTally tally, BrokerProcess broker) {
        byte[] payload = new byte[options.recordSize()];
        new Random(42).nextBytes(payload); // send() copies it into the batch, so one array serves every record
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / options.ratePerSecond();
        long start = tally.originNanos();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long end = measureFrom + TimeUnit.SECONDS.toNanos(options.seconds());
        log("%d producers, %d records/s of %d B: %d s warm-up, %d s measured", producers.size(),
                options.ratePerSecond(), options.recordSize(), options.warmupSeconds(), options.seconds());
        long cpuBefore = 0;
        long jitBefore = 0;
        long windowStart = 0;
        for (long i = 0; ; i++) {
            long due = start + i * intervalNanos;
            if (due >= end) break;
            long now;
            while ((now = System.nanoTime()) < due) LockSupport.parkNanos(due - now);
            boolean measured = due >= measureFrom;
            if (measured && windowStart == 0) {
                cpuBefore = broker.known() ? broker.cpuTicks() : 0;
                jitBefore = broker.known() ? broker.jitTicks() : 0;
                windowStart = System.nanoTime();
            }
            long sentNanos = System.nanoTime();
            producers.get((int) (i % producers.size())).send(new ProducerRecord<>(options.topic(), payload),
                    (metadata, e) -> tally.onCompleted(measured, sentNanos, System.nanoTime(), e));
            tally.onSent(measured);
        }
        long windowEnd = System.nanoTime();
        if (!broker.known()) return new Window(windowEnd - windowStart, 0, 0, 0, 0, -1, -1);
        return new Window(windowEnd - windowStart, cpuBefore, broker.cpuTicks(), jitBefore, broker.jitTicks(),
                broker.rssMib(), broker.threads());
    }

    static void report(ConnectionsOptions options, SendTally tally, Window window, IdleConnections.Outcome idle,
                       BrokerProcess broker, Figures figures) {
        if (tally.measured() > 0) {
            figures.put("active_p50_ms", tally.percentileMs(50.0));
            figures.put("active_p99_ms", tally.percentileMs(99.0));
            figures.put("active_p999_ms", tally.percentileMs(99.9));
            figures.put("active_max_ms", tally.maxMs());
        }
        if (window.nanos() > 0) figures.put("active_records_per_s", tally.measuredSent() / (window.nanos() / 1e9));
        if (broker.known()) {
            figures.put("rss_connected_mib", window.rssMib());
            figures.put("threads_connected", window.threads());
            figures.put("cpu_idle_connections_s", broker.cpuSeconds(window.cpuTicksBefore(), window.cpuTicksAfter()));
            // Without the JIT compilers: each point runs on a freshly started broker, still compiling its hot code.
            figures.put("cpu_idle_connections_no_jit_s", broker.cpuSeconds(window.cpuTicksBefore()
                    + window.jitTicksAfter(), window.cpuTicksAfter() + window.jitTicksBefore()));
        }
        for (String error : errors(options, tally, idle)) figures.error(error);
    }

    /** What makes the point's figures untrustworthy: lost or failed sends, closed idle connections. */
    static List<String> errors(ConnectionsOptions options, SendTally tally, IdleConnections.Outcome idle) {
        List<String> errors = new ArrayList<>();
        if (tally.failed() > 0)
            errors.add(tally.failed() + " of " + tally.sent() + " sends failed, the first with "
                    + tally.firstFailure());
        if (tally.unanswered() > 0)
            errors.add(tally.unanswered() + " of " + tally.sent() + " sends were never answered");
        if (tally.measured() == 0) errors.add("no send of the measured window was acknowledged");
        if (idle != null && idle.closed() > 0)
            errors.add(String.format(Locale.ROOT, "%d of %d idle connections were closed (first: %s)", idle.closed(),
                    idle.total(), idle.firstClose()));
        if (idle == null && options.idleClients() > 0) errors.add("the idle connections were not checked");
        return errors;
    }

    static InetSocketAddress firstAddress(String bootstrapServers) {
        String first = bootstrapServers.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("Expected HOST:PORT, got " + first);
        return new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
    }

    private static Properties producerProps(ConnectionsOptions options, int index) {
        Properties props = ClientConfigFile.load(options.commandConfig());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-active-" + index);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[ConnectionsLoad] " + format + "%n", args);
    }
}
