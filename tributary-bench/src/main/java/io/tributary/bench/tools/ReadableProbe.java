package io.tributary.bench.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * After a broker's restart on the data it left: polls until every partition of a topic is readable again, that is
 * Metadata names its leader, ListOffsets (latest) answers, and a fetch at the last offset returns that record. Then
 * prints, as {@code name=value} lines, the wall-clock time of that moment ({@code all_readable_epoch_ms}) and the
 * sum of the partitions' latest offsets ({@code records}); the harness subtracts the broker's launch time and
 * compares the sum with the records it had acknowledged.
 *
 * <p>Started (and its clients' classes loaded) before the broker is launched: its own start-up is not counted. It
 * prints {@code ready}, then waits for {@code --start-file} to exist, which the harness creates once the broker has
 * answered its first Metadata request (no partition can be readable before that): clients made then find a
 * serving broker, where clients asking all along would have requests stuck in a starting broker and time out.
 * The clients retry every 20 to 100 ms, so the time is that coarse.
 *
 * <p>When {@code --expected-records} is given and the sum falls short once every partition is readable, the
 * latest offsets are asked again for up to {@code --grace-ms} (a high watermark may still be moving up); the time
 * printed is when the sum was complete. Exit status: 0 all readable with the expected sum, 2 readable but the sum
 * differs, 1 not all readable before {@code --timeout-ms}.
 */
public final class ReadableProbe {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(200);

    private ReadableProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        ReadableOptions options = NamedOptions.parseOrExit(args, ReadableOptions::parse);
        System.exit(run(options));
    }

    static int run(ReadableOptions options) throws InterruptedException {
        warmUp(options);
        System.out.println("ready");
        System.out.flush();
        if (options.startFile() != null) {
            Path start = Path.of(options.startFile());
            while (!Files.exists(start)) TimeUnit.MILLISECONDS.sleep(1);
        }
        ReadableTracker tracker = new ReadableTracker(options.partitions());
        try (Admin admin = Admin.create(adminProps(options));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(options))) {
            LastRecordFetcher fetcher = new LastRecordFetcher(consumer, options.topic());
            long deadline = System.currentTimeMillis() + options.timeoutMs();
            long firstAllReadable = -1L;
            String progress = "";
            while (System.currentTimeMillis() < deadline) {
                if (!tracker.allLeadersKnown()) askLeaders(admin, options.topic(), tracker);
                askOffsets(admin, options.topic(), tracker, tracker.needOffsets());
                fetcher.fetch(tracker);
                progress = progress(tracker, progress);
                if (!tracker.allReadable()) continue;
                long now = System.currentTimeMillis();
                long sum = tracker.latestSum();
                if (options.expectedRecords() < 0 || sum == options.expectedRecords()) {
                    report(now, tracker);
                    return 0;
                }
                if (firstAllReadable < 0) firstAllReadable = now;
                if (sum > options.expectedRecords() || now - firstAllReadable >= options.graceMs()) {
                    report(firstAllReadable, tracker);
                    return 2;
                }
                // Short of the acknowledged records: ask every partition again (a high watermark may lag).
                askOffsets(admin, options.topic(), tracker, allPartitions(tracker));
                TimeUnit.MILLISECONDS.sleep(100);
            }
            System.out.println("readable_partitions=" + tracker.readableCount());
            System.out.println("records=" + tracker.latestSum());
            System.err.println("Only " + tracker.readableCount() + " of " + tracker.partitions()
                    + " partitions readable within " + options.timeoutMs() + " ms");
            return 1;
        }
    }

    /** Loads the clients' classes: the clients that poll are made once the start file is there. */
    private static void warmUp(ReadableOptions options) {
        Admin admin = Admin.create(adminProps(options));
        admin.describeTopics(List.of(options.topic())); // not waited for: nothing may be listening yet
        admin.close(Duration.ZERO);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(options))) {
            consumer.assign(List.of(new TopicPartition(options.topic(), 0)));
        }
    }

    /** A line on stderr whenever the counts change: where the time after a restart goes. */
    private static String progress(ReadableTracker tracker, String previous) {
        String now = "leaders=" + tracker.leaderCount() + " offsets=" + tracker.offsetCount() + " readable=" + tracker.readableCount()
                + " records=" + tracker.latestSum();
        if (!now.equals(previous)) System.err.println("[readable-probe] " + System.currentTimeMillis() + " " + now);
        return now;
    }

    private static void report(long epochMs, ReadableTracker tracker) {
        System.out.println("all_readable_epoch_ms=" + epochMs);
        System.out.println("records=" + tracker.latestSum());
        System.out.println("readable_partitions=" + tracker.readableCount());
        System.out.flush();
    }

    private static List<Integer> allPartitions(ReadableTracker tracker) {
        return java.util.stream.IntStream.range(0, tracker.partitions()).boxed().toList();
    }

    private static void askLeaders(Admin admin, String topic, ReadableTracker tracker) throws InterruptedException {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            for (TopicPartitionInfo info : description.partitions()) {
                if (info.partition() < tracker.partitions())
                    tracker.leader(info.partition(), info.leader() != null && !info.leader().isEmpty());
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            reportOnce(e);
            TimeUnit.MILLISECONDS.sleep(20); // not up yet, or the topic not known yet: ask again
        }
    }

    private static void askOffsets(Admin admin, String topic, ReadableTracker tracker, List<Integer> partitions)
            throws InterruptedException {
        if (partitions.isEmpty()) return;
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p : partitions) request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        ListOffsetsResult result = admin.listOffsets(request);
        for (int p : partitions) {
            try {
                ListOffsetsResult.ListOffsetsResultInfo info = result.partitionResult(new TopicPartition(topic, p))
                        .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                tracker.latest(p, info.offset());
            } catch (ExecutionException | TimeoutException e) {
                reportOnce(e); // not served yet: asked again next round
            }
        }
    }

    /**
     * Fetches the last record of each partition that still needs it. The assignment and the positions stay as they
     * are from one round to the next (a new seek would drop the fetch in flight): a partition is sought again
     * only when its latest offset changed.
     */
    private static final class LastRecordFetcher {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String topic;
        private final Map<Integer, Long> sought = new HashMap<>();
        private Set<Integer> assigned = Set.of();

        LastRecordFetcher(KafkaConsumer<byte[], byte[]> consumer, String topic) {
            this.consumer = consumer;
            this.topic = topic;
        }

        void fetch(ReadableTracker tracker) {
            Set<Integer> pending = new HashSet<>(tracker.needFetch());
            if (pending.isEmpty()) return;
            try {
                if (!pending.equals(assigned)) {
                    consumer.assign(pending.stream().map(p -> new TopicPartition(topic, p)).toList());
                    sought.keySet().retainAll(pending);
                    assigned = pending;
                }
                for (int p : pending) {
                    long target = tracker.latest(p) - 1;
                    if (!Long.valueOf(target).equals(sought.get(p))) {
                        consumer.seek(new TopicPartition(topic, p), target);
                        sought.put(p, target);
                    }
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    tracker.fetched(record.partition(), record.offset());
                }
            } catch (KafkaException e) {
                reportOnce(e);
                sought.clear(); // out of range or not served yet: sought again next round
            }
        }
    }

    private static final Set<String> REPORTED = new HashSet<>();

    /** The first failure of each kind on stderr: they are retried, but one that never clears explains a timeout. */
    private static void reportOnce(Exception e) {
        if (REPORTED.add(e.getClass().getName())) System.err.println("[readable-probe] retrying after " + e);
    }

    private static Properties common(ReadableOptions options) {
        Properties props = ClientConfigFile.load(options.commandConfig());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, "20");
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "100");
        props.put(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, "20");
        props.put(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, "100");
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, "1000");
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, "1000");
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(CALL_TIMEOUT.toMillis()));
        return props;
    }

    private static Properties adminProps(ReadableOptions options) {
        Properties props = common(options);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-readable-probe-admin");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(CALL_TIMEOUT.toMillis()));
        return props;
    }

    private static Properties consumerProps(ReadableOptions options) {
        Properties props = common(options);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-readable-probe-consumer");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(CALL_TIMEOUT.toMillis()));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
