package io.tributary.bench.tools;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

/**
 * One topic read by {@code --groups} consumer groups at once (bench/lib/scale/fanout.sh): one KafkaConsumer per
 * group, each on its own thread with its own group id, subscribed and started together (a barrier), each reading
 * the whole topic from the beginning. Every group must read each record exactly once ({@link GroupTally}: offsets
 * contiguous from 0 to the end offsets, {@code --records} in all), else the point has an error.
 *
 * <p>Before that one more group joins and is given the partitions ({@code first_join_ms}): the first group join on a
 * fresh broker creates the offsets topic, which is not what this measures.
 *
 * <p>Figures: {@code fanout_mib_per_s} (all groups' bytes over the wall time from the start until the last group
 * finished), {@code slowest_group_s} and {@code fastest_group_s}, and with {@code --broker-pid}
 * {@code cpu_fanout_s_per_gib} (the broker's CPU time over that window per GiB served, /proc as in
 * bench/lib/proc.sh). Writes {@code metric=value} and
 * {@code error=message} lines ({@link Figures}) to stdout and {@code --output}; exits 2 when there are errors.
 */
public final class FanOutConsumers {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final long BARRIER_TIMEOUT_SECONDS = 120;
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(120);

    private FanOutConsumers() {
    }

    public static void main(String[] args) throws Exception {
        FanOutOptions options = NamedOptions.parseOrExit(args, FanOutOptions::parse);
        Figures.runAndExit("FanOutConsumers", options.output(), figures -> run(options, figures));
    }

    static void run(FanOutOptions options, Figures figures) throws InterruptedException {
        Map<Integer, Long> endOffsets = endOffsets(options);
        long inTopic = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        if (inTopic != options.records()) {
            figures.error("the topic holds " + inTopic + " records, " + options.records() + " were produced");
            return;
        }
        long joinNanos = warmUpGroupCoordinator(options);
        if (joinNanos < 0) {
            figures.error("the warm-up group was not given the topic's partitions within "
                    + WARM_UP_TIMEOUT.toSeconds() + " s");
            return;
        }
        figures.put("first_join_ms", joinNanos / 1e6);
        BrokerProcess broker = BrokerProcess.of(options.brokerPid(), options.clockTicks());
        AtomicLong start = new AtomicLong();
        AtomicLong cpuBefore = new AtomicLong();
        CyclicBarrier together = new CyclicBarrier(options.groups(), () -> {
            if (broker.known()) cpuBefore.set(broker.cpuTicks());
            start.set(System.nanoTime());
        });
        long deadlineNanos = TimeUnit.SECONDS.toNanos(options.timeoutSeconds());
        List<GroupTally> tallies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.groups(); i++) {
            GroupTally tally = new GroupTally(options.groupId(i), endOffsets);
            tallies.add(tally);
            Properties props = consumerProps(options, options.groupId(i));
            threads.add(new Thread(() -> readAll(options.topic(), props, tally, together, start, deadlineNanos),
                    "fanout-" + i));
        }
        log("%d groups read %d records of %s", options.groups(), options.records(), options.topic());
        threads.forEach(Thread::start);
        for (Thread thread : threads) thread.join();
        double cpuSeconds = broker.known() ? broker.cpuSeconds(cpuBefore.get(), broker.cpuTicks()) : -1;
        report(options, tallies, start.get(), cpuSeconds, figures);
    }

    /**
     * The first group join on a fresh broker creates the offsets topic (50 partitions), a one-off cost of the
     * broker's first consumer group rather than of serving many: one group joins and is given the partitions before
     * the measured read starts. Returns how long that took, or -1 if it was not given them in time.
     */
    private static long warmUpGroupCoordinator(FanOutOptions options) {
        Properties props = consumerProps(options, options.warmUpGroupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1024");
        long start = System.nanoTime();
        long deadline = start + WARM_UP_TIMEOUT.toNanos();
        try (KafkaConsumer<ByteBuffer, ByteBuffer> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(options.topic()));
            while (consumer.assignment().isEmpty()) {
                if (System.nanoTime() > deadline) return -1;
                consumer.poll(POLL);
            }
            return System.nanoTime() - start;
        }
    }

    private static void readAll(String topic, Properties props, GroupTally tally, CyclicBarrier together,
                                AtomicLong start, long timeoutNanos) {
        try (KafkaConsumer<ByteBuffer, ByteBuffer> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            together.await(BARRIER_TIMEOUT_SECONDS, TimeUnit.SECONDS); // one that cannot start stops them all
            long deadline = start.get() + timeoutNanos;
            while (!tally.complete() && System.nanoTime() < deadline) {
                for (ConsumerRecord<ByteBuffer, ByteBuffer> record : consumer.poll(POLL)) {
                    tally.onRecord(record.partition(), record.offset(),
                            Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize()));
                }
            }
            tally.finished(System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tally.failed(e);
        } catch (BrokenBarrierException | TimeoutException | RuntimeException e) {
            tally.failed(e);
        }
    }

    /** @param cpuSeconds the broker's CPU time from the start until every group had finished, -1 if unknown */
    static void report(FanOutOptions options, List<GroupTally> tallies, long startNanos, double cpuSeconds,
                       Figures figures) {
        List<String> verdicts = new ArrayList<>();
        long bytes = 0;
        long slowest = 0;
        long fastest = Long.MAX_VALUE;
        for (GroupTally tally : tallies) {
            String verdict = tally.verdict(options.records());
            if (verdict != null) verdicts.add(verdict);
            bytes += tally.bytes();
            if (tally.finishedNanos() >= 0) {
                slowest = Math.max(slowest, tally.finishedNanos() - startNanos);
                fastest = Math.min(fastest, tally.finishedNanos() - startNanos);
            }
        }
        if (!verdicts.isEmpty()) {
            figures.error(verdicts.size() + " of " + tallies.size() + " groups did not read the topic exactly once: "
                    + String.join(" | ", verdicts.subList(0, Math.min(3, verdicts.size()))));
            return;
        }
        figures.put("fanout_mib_per_s", bytes / 1048576.0 / (slowest / 1e9));
        figures.put("slowest_group_s", slowest / 1e9);
        figures.put("fastest_group_s", fastest / 1e9);
        if (cpuSeconds >= 0) figures.put("cpu_fanout_s_per_gib", cpuSeconds / (bytes / 1073741824.0));
    }

    private static Map<Integer, Long> endOffsets(FanOutOptions options) {
        Properties props = consumerProps(options, null);
        try (KafkaConsumer<ByteBuffer, ByteBuffer> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(options.topic(), Duration.ofSeconds(30)))
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            Map<Integer, Long> ends = new HashMap<>();
            consumer.endOffsets(partitions, Duration.ofSeconds(30)).forEach((tp, end) -> ends.put(tp.partition(), end));
            return ends;
        }
    }

    /** @param group the consumer's group, or null for one that only looks up end offsets */
    private static Properties consumerProps(FanOutOptions options, String group) {
        Properties props = ClientConfigFile.load(options.commandConfig());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        if (group != null) props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-" + (group != null ? group : "end-offsets"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
        // ByteBuffer values are views of the fetched batch, not copies: the client spends less of the shared CPU.
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
        return props;
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[FanOutConsumers] " + format + "%n", args);
    }
}
