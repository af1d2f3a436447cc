package io.tributary.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "produce", description = "Send each line of standard input as one record (UTF-8).")
final class ProduceCommand implements Callable<Integer> {

    @ParentCommand
    TributaryCli cli;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "TOPIC")
    String topic;
    @Option(names = {"-k", "--key-separator"}, paramLabel = "SEP",
            description = "split each line at the first SEP into key and value (no key without this option)")
    String keySeparator;
    @Option(names = {"-P", "--partition"}, description = "send every record to this partition")
    Integer partition;
    @Option(names = "--acks", defaultValue = "all", description = "0, 1 or all (default ${DEFAULT-VALUE})")
    String acks;

    /** Lines come from here; a field so that tests can hand in their own. */
    java.io.InputStream input = System.in;

    @Override
    public Integer call() throws Exception {
        Properties props = cli.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, acks);
        long sent = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer());
             BufferedReader lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && failure.get() == null; line = lines.readLine()) {
                String key = null;
                String value = line;
                int at = keySeparator == null ? -1 : line.indexOf(keySeparator);
                if (at >= 0) {
                    key = line.substring(0, at);
                    value = line.substring(at + keySeparator.length());
                }
                producer.send(new ProducerRecord<>(topic, partition, key, value), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent++;
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        spec.commandLine().getErr().println("Sent " + sent + " record(s) to " + topic + ".");
        return 0;
    }
}
