package io.tributary.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A classic-protocol group member in its own JVM, so it can die by SIGKILL: no LeaveGroup, no more heartbeats, and
 * the coordinator only learns of it when the session times out. The child prints each new assignment as a line
 * {@code assignment=topic-0,topic-3} to its console log, which the test reads.
 */
public final class ChildProcessConsumer implements AutoCloseable {

    private static final String ASSIGNMENT_PREFIX = "assignment=";

    private final Process process;
    private final Path consoleLog;

    private ChildProcessConsumer(Process process, Path consoleLog) {
        this.process = process;
        this.consoleLog = consoleLog;
    }

    public static ChildProcessConsumer start(Path workDir, String bootstrapServers, String groupId, String topic,
                                             int sessionTimeoutMs) throws IOException {
        Path consoleLog = Files.createTempFile(workDir, "consumer-", ".log");
        List<String> command = JavaCommand.forMainClass(ChildProcessConsumer.class.getName(), "-Xmx128m",
                bootstrapServers, groupId, topic, String.valueOf(sessionTimeoutMs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(consoleLog.toFile()).start();
        return new ChildProcessConsumer(process, consoleLog);
    }

    /** The latest assignment the child printed, if any; partitions are written as {@code topic-partition}. */
    public Optional<Set<String>> latestAssignment() throws IOException {
        List<String> lines = Files.readAllLines(consoleLog, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(ASSIGNMENT_PREFIX)) {
                String list = lines.get(i).substring(ASSIGNMENT_PREFIX.length());
                return Optional.of(list.isEmpty() ? Set.of() : Set.of(list.split(",")));
            }
        }
        return Optional.empty();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String consoleOutput() throws IOException {
        return Files.readString(consoleLog, StandardCharsets.UTF_8);
    }

    /** SIGKILL: the consumer gets no chance to leave the group. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** The child: {@code bootstrapServers groupId topic sessionTimeoutMs}; polls and commits until killed. */
    public static void main(String[] args) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.parseInt(args[3]),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
        try (TestClients clients = new TestClients(args[0])) {
            KafkaConsumer<String, String> consumer = clients.classicGroupConsumer(args[1], config);
            consumer.subscribe(List.of(args[2]));
            Set<TopicPartition> printed = null;
            while (true) {
                if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                    consumer.commitSync();
                }
                Set<TopicPartition> current = consumer.assignment();
                if (!current.equals(printed)) {
                    printed = Set.copyOf(current);
                    System.out.println(ASSIGNMENT_PREFIX + new TreeSet<>(current.stream().map(TopicPartition::toString)
                            .collect(Collectors.toSet())).stream().collect(Collectors.joining(",")));
                    System.out.flush();
                }
            }
        }
    }
}
