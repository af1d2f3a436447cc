package io.tributary.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "consume", description = "Print records of a topic, one per line (UTF-8).")
final class ConsumeCommand implements Callable<Integer> {

    @ParentCommand
    TributaryCli cli;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "TOPIC")
    String topic;
    @Option(names = "--from-beginning", description = "start at the earliest offset (without a committed one)")
    boolean fromBeginning;
    @Option(names = {"-g", "--group"}, description = "consume as a member of this group and commit its offsets")
    String group;
    @Option(names = {"-n", "--max-messages"}, description = "stop after this many records")
    Long maxMessages;
    @Option(names = "--timeout-ms", description = "stop when no record arrived for this long")
    Long timeoutMs;
    @Option(names = "--print-key", description = "print KEY<TAB>VALUE")
    boolean printKey;
    @Option(names = "--print-offset", description = "print PARTITION:OFFSET<TAB> before each record")
    boolean printOffset;
    @Option(names = "--isolation-level", defaultValue = "read_uncommitted",
            description = "read_uncommitted or read_committed (default ${DEFAULT-VALUE})")
    String isolationLevel;

    @Override
    public Integer call() {
        Properties props = cli.clientProperties();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        // Offsets are committed for printed records only: a position can run ahead of what --max-messages printed.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Without --group, as kafka-console-consumer: a group of its own, whose offsets are never committed.
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group != null ? group
                : "tributary-cli-" + java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000));
        Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
        PrintWriter out = spec.commandLine().getOut();
        long printed = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            Runtime.getRuntime().addShutdownHook(new Thread(consumer::wakeup, "tributary-cli-stop"));
            consumer.subscribe(List.of(topic));
            long lastRecord = System.nanoTime();
            while (maxMessages == null || printed < maxMessages) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, String> r : records) {
                    out.println((printOffset ? r.partition() + ":" + r.offset() + "\t" : "")
                            + (printKey ? r.key() + "\t" : "") + r.value());
                    lastRecord = System.nanoTime();
                    processed.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    if (maxMessages != null && ++printed >= maxMessages) {
                        break;
                    }
                }
                out.flush();
                commit(consumer, processed);
                if (timeoutMs != null && System.nanoTime() - lastRecord > timeoutMs * 1_000_000) {
                    break;
                }
            }
            commit(consumer, processed);
        } catch (org.apache.kafka.common.errors.WakeupException stopped) {
            // Ctrl-C: leave the group cleanly
        }
        spec.commandLine().getErr().println("Processed " + printed + " record(s).");
        return 0;
    }

    private void commit(KafkaConsumer<String, String> consumer, Map<TopicPartition, OffsetAndMetadata> processed) {
        if (group != null && !processed.isEmpty()) {
            consumer.commitSync(processed);
            processed.clear();
        }
    }
}
