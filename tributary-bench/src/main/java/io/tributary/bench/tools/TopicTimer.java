package io.tributary.bench.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DeleteTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Time to create a topic until it is usable, or to delete one until it is gone, as an Admin client sees it (issue
 * 18, the partitions scale workload). The clock starts right before the CreateTopics / DeleteTopics request, on a
 * client already connected (its first describe is done before); the tool then polls every {@code --poll-ms}, less
 * often as the wait grows (see {@link #pollDelayMs}).
 *
 * <ul>
 * <li>{@code create}: {@code create_ack_ms} when CreateTopics answers, {@code create_ms} when describeTopics shows
 * all N partitions with a leader. With {@code --log-dir} also {@code create_logs_ms}: when all N partition
 * directories {@code TOPIC-P} exist in that log dir (a broker may list leaders before its logs are made). A broker
 * that refuses one request for them all (Kafka above 10,000 metadata records per operation) gets them in steps of
 * 5,000 (CreateTopics, then CreatePartitions), timed from the first step: {@code create_requests} says how many
 * requests it took, {@code create_refused} why one was not enough.</li>
 * <li>{@code delete}: {@code delete_ack_ms} when DeleteTopics answers, {@code delete_ms} when describeTopics says
 * UNKNOWN_TOPIC_OR_PARTITION and a Metadata request for all topics (listTopics) no longer lists it. With
 * {@code --log-dir} also {@code delete_logs_ms}: when no directory {@code TOPIC-P} is left (renamed for the
 * asynchronous removal, as both brokers do, or removed).</li>
 * </ul>
 *
 * Prints {@code name=value} lines; exits 1 on bad arguments, 2 on a failed request or a timeout.
 */
public final class TopicTimer {

    private static final long MAX_POLL_DELAY_MS = 250;
    /** Partitions per request when one request for all is refused: half Kafka's 10,000 records per operation. */
    private static final int CHUNK_PARTITIONS = 5000;

    private TopicTimer() {
    }

    public static void main(String[] args) throws Exception {
        TopicTimerOptions options = NamedOptions.parseOrExit(args, TopicTimerOptions::parse);
        try (Admin admin = Admin.create(adminProps(options))) {
            if (options.action() == TopicTimerOptions.Action.CREATE) {
                create(admin, options);
            } else {
                delete(admin, options);
            }
        } catch (ExecutionException | IllegalStateException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("TopicTimer " + options.action().name().toLowerCase() + " failed: " + cause);
            System.exit(2);
        }
    }

    private static void create(Admin admin, TopicTimerOptions options) throws Exception {
        String topic = options.topic();
        // Connected, metadata known and the describe path loaded before the clock starts.
        admin.describeCluster().nodes().get();
        if (describe(admin, topic) != null) throw new IllegalStateException("topic " + topic + " already exists");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs());

        long start = System.nanoTime();
        int requests = 1;
        try {
            createTopic(admin, options, options.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof PolicyViolationException) || options.partitions() <= CHUNK_PARTITIONS
                    || describe(admin, topic) != null) {
                throw e;
            }
            // Kafka's controller refuses an operation of more than 10,000 metadata records ("Unable to perform
            // excessively large batch operation"): a topic of 10,000 partitions is 10,002. Made as a user would
            // make it then, CreateTopics with a first part and CreatePartitions for the rest; the clock starts
            // again for that.
            System.out.printf("create_refused=%s%n", e.getCause().getMessage());
            List<Integer> steps = chunkTargets(options.partitions(), CHUNK_PARTITIONS);
            start = System.nanoTime();
            createTopic(admin, options, steps.get(0));
            for (int target : steps.subList(1, steps.size())) {
                admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(target)),
                        new CreatePartitionsOptions().timeoutMs(options.timeoutMs())).all().get();
            }
            requests = steps.size();
        }
        long ack = System.nanoTime();
        System.out.printf("create_requests=%d%n", requests);
        print("create_ack_ms", ack - start);

        long led = -1;
        long logs = options.logDir() == null ? start : -1;
        int lastLed = 0;
        int lastDirs = 0;
        while (true) {
            if (led < 0) {
                TopicDescription description = describeWhileChanging(admin, topic);
                lastLed = description == null ? 0 : partitionsWithLeader(description);
                if (description != null && fullyLed(description, options.partitions())) {
                    led = System.nanoTime();
                    print("create_ms", led - start);
                }
            }
            if (logs < 0) {
                lastDirs = partitionDirs(Path.of(options.logDir()), topic);
                if (lastDirs == options.partitions()) {
                    logs = System.nanoTime();
                    print("create_logs_ms", logs - start);
                }
            }
            if (led >= 0 && logs >= 0) break;
            if (System.nanoTime() > deadline)
                throw new IllegalStateException(String.format("after %d ms %d of %d partitions have a leader, %s",
                        options.timeoutMs(), lastLed, options.partitions(),
                        options.logDir() == null ? "log dirs not watched" : lastDirs + " log dirs exist"));
            TimeUnit.MILLISECONDS.sleep(pollDelayMs(options.pollMs(), System.nanoTime() - start));
        }
    }

    private static void createTopic(Admin admin, TopicTimerOptions options, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(options.topic(), partitions, options.replicationFactor())
                        .configs(options.topicConfigs())),
                new CreateTopicsOptions().timeoutMs(options.timeoutMs())).all().get();
    }

    /** The partition counts to create in steps of at most {@code chunk}: 10,000 by 5,000 is 5,000 then 10,000. */
    static List<Integer> chunkTargets(int partitions, int chunk) {
        List<Integer> targets = new ArrayList<>();
        for (int target = Math.min(chunk, partitions); ; target = Math.min(target + chunk, partitions)) {
            targets.add(target);
            if (target == partitions) return targets;
        }
    }

    private static void delete(Admin admin, TopicTimerOptions options) throws Exception {
        String topic = options.topic();
        TopicDescription before = describe(admin, topic);
        if (before == null) throw new IllegalStateException("topic " + topic + " does not exist");
        admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs());

        long start = System.nanoTime();
        admin.deleteTopics(TopicCollection.ofTopicNames(List.of(topic)),
                new DeleteTopicsOptions().timeoutMs(options.timeoutMs())).all().get();
        long ack = System.nanoTime();
        print("delete_ack_ms", ack - start);

        long gone = -1;
        long logs = options.logDir() == null ? start : -1;
        boolean described = true;
        boolean listed = true;
        int lastDirs = 0;
        while (true) {
            if (gone < 0) {
                described = !describedAsUnknown(admin, topic);
                // a Metadata request for all topics: the topic must be gone from it too, not only from describe
                listed = !described
                        && admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get().contains(topic);
                if (!described && !listed) {
                    gone = System.nanoTime();
                    print("delete_ms", gone - start);
                }
            }
            if (logs < 0) {
                lastDirs = partitionDirs(Path.of(options.logDir()), topic);
                if (lastDirs == 0) {
                    logs = System.nanoTime();
                    print("delete_logs_ms", logs - start);
                }
            }
            if (gone >= 0 && logs >= 0) break;
            if (System.nanoTime() > deadline)
                throw new IllegalStateException(String.format("after %d ms the topic is %s, %s",
                        options.timeoutMs(), described ? "still described" : listed ? "still listed" : "gone",
                        options.logDir() == null ? "log dirs not watched" : lastDirs + " log dirs are left"));
            TimeUnit.MILLISECONDS.sleep(pollDelayMs(options.pollMs(), System.nanoTime() - start));
        }
    }

    /**
     * The pause before the next poll: {@code --poll-ms} at first, then a fiftieth of the time waited so far (at
     * most 250 ms), so a wait of minutes (10,000 partitions) is measured to within 2% without describing 10,000
     * partitions and listing the log dir every 10 ms, on the 2 cores the broker measured also has.
     */
    static long pollDelayMs(int pollMs, long elapsedNanos) {
        return Math.max(pollMs, Math.min(MAX_POLL_DELAY_MS, TimeUnit.NANOSECONDS.toMillis(elapsedNanos) / 50));
    }

    /** The topic as describeTopics has it, or null when the answer is UNKNOWN_TOPIC_OR_PARTITION. */
    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) return null;
            throw e;
        }
    }

    /**
     * As {@link #describe}, but a retriable error (e.g. LEADER_NOT_AVAILABLE while the topic is being made) counts
     * as not there yet: the poll goes on.
     */
    private static TopicDescription describeWhileChanging(Admin admin, String topic) throws Exception {
        try {
            return describe(admin, topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) return null;
            throw e;
        }
    }

    /** Whether describeTopics says UNKNOWN_TOPIC_OR_PARTITION; any other retriable error is not taken for it. */
    private static boolean describedAsUnknown(Admin admin, String topic) throws Exception {
        try {
            return describe(admin, topic) == null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) return false;
            throw e;
        }
    }

    static int partitionsWithLeader(TopicDescription description) {
        int led = 0;
        for (TopicPartitionInfo partition : description.partitions()) {
            if (partition.leader() != null && !partition.leader().isEmpty()) led++;
        }
        return led;
    }

    /** Every one of the {@code expected} partitions is there and has a leader. */
    static boolean fullyLed(TopicDescription description, int expected) {
        return description.partitions().size() == expected && partitionsWithLeader(description) == expected;
    }

    /** How many directories of {@code logDir} are a partition of {@code topic} ({@code TOPIC-P}, P a number). */
    static int partitionDirs(Path logDir, String topic) {
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(logDir)) {
            for (Path entry : entries) {
                if (isPartitionDir(entry.getFileName().toString(), topic)) count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + logDir, e);
        }
        return count;
    }

    /** {@code TOPIC-P}; not {@code TOPIC-P.ID-delete} (a deleted log waiting for removal) nor another topic's. */
    static boolean isPartitionDir(String name, String topic) {
        if (!name.startsWith(topic + "-") || name.length() == topic.length() + 1) return false;
        for (int i = topic.length() + 1; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) return false;
        }
        return true;
    }

    private static void print(String name, long nanos) {
        System.out.printf("%s=%d%n", name, TimeUnit.NANOSECONDS.toMillis(nanos));
        System.out.flush();
    }

    private static Properties adminProps(TopicTimerOptions options) {
        Properties props = ClientConfigFile.load(options.commandConfig());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-topic-timer");
        // One CreateTopics of 10,000 partitions may take long on either broker: no client retry cuts it short.
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, options.timeoutMs());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, options.timeoutMs());
        return props;
    }
}
