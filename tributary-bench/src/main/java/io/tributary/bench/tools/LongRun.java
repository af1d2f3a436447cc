package io.tributary.bench.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A long steady run against one broker: a producer at a fixed rate ({@code --rate} records of
 * {@code --record-size} bytes per second, acks=all, linger.ms 5, batch.size 128 KiB, no compression; the payload
 * carries a sequence number and the send time) and, in the same JVM, a consumer group member reading the topic
 * with {@code subscribe()}. The producer starts once the consumer has its partitions.
 *
 * <p>Every {@code --interval-s} a row goes to the {@code --series} CSV ({@link LongRunSeries#HEADER}): MiB/s
 * acknowledged and received, the interval's end-to-end p99 (send call to receipt), the broker's RSS and CPU (cores)
 * from /proc, the size of its log dir ({@code du -sk}), its longest GC pause of the interval and the heap in use
 * after its last GC (read from the {@code -Xlog:gc} file as it grows; the pauses of its start-up before this run
 * are skipped). The RSS also grows when G1 enlarges its young generation and touches those pages for the first
 * time; the heap after GC is the figure a leak on the heap shows in. After the run the
 * consumer drains for up to {@code --drain-s}; then the summary goes to stdout as {@code name=value} lines. Exit
 * status 2 if an acknowledged record was never received.
 */
public final class LongRun {

    private static final long MAX_LATENCY_US = TimeUnit.MINUTES.toMicros(10);
    private static final long MAX_BEHIND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private LongRun() {
    }

    public static void main(String[] args) throws Exception {
        LongRunOptions options = NamedOptions.parseOrExit(args, LongRunOptions::parse);
        System.exit(new Run(options).run());
    }

    /** The state of one run, shared by the sender, the consumer and the reporting (main) thread. */
    private static final class Run {
        private final LongRunOptions options;
        private final DeliveryLedger ledger;
        private final Recorder latency = new Recorder(MAX_LATENCY_US, 3);
        private final Histogram whole = new Histogram(MAX_LATENCY_US, 3);
        private final AtomicLong ackedBytes = new AtomicLong();
        private final AtomicLong consumedBytes = new AtomicLong();
        private final AtomicLong sendFailures = new AtomicLong();
        private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        private final AtomicBoolean assigned = new AtomicBoolean();
        private final AtomicBoolean stopConsuming = new AtomicBoolean();
        private final GcLog gcLog;
        private long sent;
        private long fellBehind;
        private double gcMax;
        private double gcTotal;
        private double dataMaxMib = Double.NaN;

        Run(LongRunOptions options) {
            this.options = options;
            this.ledger = new DeliveryLedger(options.maxRecords());
            this.gcLog = options.gcLog() == null ? null : new GcLog(Path.of(options.gcLog()));
        }

        int run() throws Exception {
            if (gcLog != null) gcLog.skipExisting();
            Thread consumer = new Thread(this::consume, "longrun-consumer");
            consumer.start();
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!assigned.get() && consumer.isAlive() && System.nanoTime() < waitUntil) Thread.sleep(10);
            if (!assigned.get()) {
                stopConsuming.set(true);
                consumer.join();
                System.err.println("The consumer got no partitions within 120 s");
                return 1;
            }
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps())) {
                long start = System.nanoTime();
                long end = start + TimeUnit.SECONDS.toNanos(options.durationS());
                LongRunSeries series = new LongRunSeries(reading(start), options.clockTicksPerSecond());
                Thread sender = new Thread(() -> send(producer, end), "longrun-sender");
                sender.start();
                report(series, start, end);
                sender.join();
                producer.flush();
                long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.drainS());
                while (ledger.receivedCount() < ledger.ackedCount() && System.nanoTime() < drainUntil)
                    Thread.sleep(50);
                stopConsuming.set(true);
                consumer.join();
                whole.add(latency.getIntervalHistogram());
                summary(series);
            }
            return ledger.lost() > 0 ? 2 : 0;
        }

        /** Closes an interval every --interval-s until the end of the run, writing each row as it closes. */
        private void report(LongRunSeries series, long start, long end) throws IOException, InterruptedException {
            PrintWriter csv = options.series() == null ? null
                    : new PrintWriter(Files.newBufferedWriter(Path.of(options.series()), StandardCharsets.UTF_8));
            try {
                if (csv != null) csv.println(LongRunSeries.HEADER);
                long intervalNanos = TimeUnit.SECONDS.toNanos(options.intervalS());
                for (long due = start + intervalNanos; ; due = Math.min(due + intervalNanos, end)) {
                    long now;
                    while ((now = System.nanoTime()) < due) TimeUnit.NANOSECONDS.sleep(Math.min(due - now, 100_000_000L));
                    Histogram interval = latency.getIntervalHistogram();
                    whole.add(interval);
                    double p99 = interval.getTotalCount() == 0 ? Double.NaN
                            : interval.getValueAtPercentile(99.0) / 1000.0;
                    double pauseMax = Double.NaN;
                    double heapAfter = Double.NaN;
                    if (gcLog != null) {
                        List<GcLog.Pause> pauses = gcLog.readNew();
                        pauseMax = GcLog.maxMillis(pauses);
                        heapAfter = GcLog.lastHeapAfterMib(pauses);
                        gcMax = Math.max(gcMax, pauseMax);
                        gcTotal += GcLog.totalMillis(pauses);
                    }
                    LongRunSeries.Row row = series.add(reading(System.nanoTime()), p99, pauseMax, heapAfter);
                    if (!Double.isNaN(row.dataMib()))
                        dataMaxMib = Double.isNaN(dataMaxMib) ? row.dataMib() : Math.max(dataMaxMib, row.dataMib());
                    if (csv != null) {
                        csv.println(row.csv());
                        csv.flush();
                    }
                    System.err.println("[longrun] " + row.csv());
                    if (due >= end) return;
                }
            } finally {
                if (csv != null) csv.close();
            }
        }

        private LongRunSeries.Reading reading(long nanos) {
            long pid = options.brokerPid();
            return new LongRunSeries.Reading(nanos, ackedBytes.get(), consumedBytes.get(),
                    pid < 0 ? -1L : ProcFigures.cpuTicks(pid), pid < 0 ? -1L : ProcFigures.rssKib(pid),
                    diskUsageKib(options.logDir()));
        }

        /** Fixed rate: each send is due interval after the previous one; more than a second behind, it skips ahead. */
        private void send(KafkaProducer<byte[], byte[]> producer, long end) {
            byte[] payload = new byte[options.recordSize()];
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / options.ratePerSecond();
            long due = System.nanoTime();
            long sequence = 0;
            int size = options.recordSize();
            while (sequence < options.maxRecords()) {
                long now = System.nanoTime();
                if (now >= end) break;
                if (now < due) {
                    LockSupport.parkNanos(due - now);
                    continue;
                }
                if (now - due > MAX_BEHIND_NANOS) {
                    fellBehind++;
                    due = now;
                }
                LatencyRecorder.stamp(payload, sequence, System.nanoTime());
                long seq = sequence;
                producer.send(new ProducerRecord<>(options.topic(), payload), (metadata, e) -> {
                    if (e == null) {
                        ledger.onAcked(seq);
                        ackedBytes.addAndGet(size);
                    } else {
                        sendFailures.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                });
                sequence++;
                due += intervalNanos;
            }
            sent = sequence;
        }

        private void consume() {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps())) {
                consumer.subscribe(List.of(options.topic()));
                while (!stopConsuming.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        ByteBuffer value = ByteBuffer.wrap(record.value());
                        if (value.remaining() < 2 * Long.BYTES) continue;
                        if (ledger.onReceived(value.getLong(0))) {
                            latency.recordValue(Math.min(MAX_LATENCY_US,
                                    Math.max(0L, (now - value.getLong(Long.BYTES)) / 1000)));
                        }
                        consumedBytes.addAndGet(record.value().length);
                    }
                    if (!assigned.get() && !consumer.assignment().isEmpty()) assigned.set(true);
                }
            }
        }

        private void summary(LongRunSeries series) {
            List<String> lines = new ArrayList<>();
            lines.add("sent=" + sent);
            lines.add("acked=" + ledger.ackedCount());
            lines.add("received=" + ledger.receivedCount());
            lines.add("duplicates=" + ledger.duplicates());
            lines.add("lost=" + ledger.lost());
            lines.add("send_failures=" + sendFailures.get());
            lines.add("fell_behind=" + fellBehind);
            lines.add("produce_mib_per_s=" + fmt(series.producedMibPerS(), "%.2f"));
            lines.add("consume_mib_per_s=" + fmt(series.consumedMibPerS(), "%.2f"));
            lines.add("e2e_p50_ms=" + fmt(whole.getValueAtPercentile(50.0) / 1000.0, "%.2f"));
            lines.add("e2e_p99_ms=" + fmt(whole.getValueAtPercentile(99.0) / 1000.0, "%.2f"));
            lines.add("e2e_p999_ms=" + fmt(whole.getValueAtPercentile(99.9) / 1000.0, "%.2f"));
            lines.add("e2e_max_ms=" + fmt(whole.getMaxValue() / 1000.0, "%.2f"));
            lines.add("rss_first_window_mib=" + fmt(series.meanRssFirst(options.rssWindowS()), "%.1f"));
            lines.add("rss_last_window_mib=" + fmt(series.meanRssLast(options.rssWindowS()), "%.1f"));
            lines.add("heap_after_gc_first_window_mib=" + fmt(series.meanHeapAfterGcFirst(options.rssWindowS()), "%.1f"));
            lines.add("heap_after_gc_last_window_mib=" + fmt(series.meanHeapAfterGcLast(options.rssWindowS()), "%.1f"));
            lines.add("broker_cpu_cores=" + fmt(series.meanCpuCores(), "%.3f"));
            lines.add("data_max_mib=" + fmt(dataMaxMib, "%.1f"));
            if (gcLog != null) {
                lines.add("gc_pause_max_ms=" + fmt(gcMax, "%.2f"));
                lines.add("gc_pause_total_ms=" + fmt(gcTotal, "%.1f"));
            }
            lines.forEach(System.out::println);
            System.out.flush();
            if (firstFailure.get() != null) System.err.println("First send failure: " + firstFailure.get());
        }

        private Properties producerProps() {
            Properties props = ClientConfigFile.load(options.commandConfig());
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(options.lingerMs()));
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-longrun-producer");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            return props;
        }

        private Properties consumerProps() {
            Properties props = ClientConfigFile.load(options.commandConfig());
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-longrun-" + ProcessHandle.current().pid());
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-longrun-consumer");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            return props;
        }
    }

    /** {@code du -sk DIR} (blocks in use, so sparse preallocated index files count as what they hold); -1 if unknown. */
    static long diskUsageKib(String dir) {
        if (dir == null) return -1L;
        try {
            Process du = new ProcessBuilder("du", "-sk", dir).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String line;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(du.getInputStream(),
                    StandardCharsets.UTF_8))) {
                line = out.readLine();
            }
            du.waitFor();
            return line == null ? -1L : Long.parseLong(line.split("\\s+")[0]);
        } catch (IOException | NumberFormatException e) {
            return -1L;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1L;
        }
    }

    private static String fmt(double value, String format) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
    }
}
