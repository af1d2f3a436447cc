package io.tributary.bench.tools;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * End-to-end latency at a fixed rate: a producer sends records at {@code --rate} per second (acks as given,
 * linger.ms=0) and a consumer in the same JVM, reading with {@code assign()} (no consumer group needed), records
 * the time from the send call to receipt in an HdrHistogram. Writes p50/p99/p99.9 as JSON to stdout and, if given,
 * to {@code --output}. Exits 2 if records went missing.
 */
public final class EndToEndLatency {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private EndToEndLatency() {
    }

    public static void main(String[] args) throws Exception {
        LatencyOptions options = NamedOptions.parseOrExit(args, LatencyOptions::parse);
        LatencyRecorder recorder = new LatencyRecorder(options.warmupRecords(), options.totalRecords());
        double achievedRate = run(options, recorder);
        String json = recorder.toJson(options.totalRecords(), achievedRate);
        System.out.println(json);
        if (options.output() != null) Files.writeString(Path.of(options.output()), json + "\n");
        if (recorder.received() < options.totalRecords()) System.exit(2);
    }

    /** Returns the send rate achieved. */
    static double run(LatencyOptions options, LatencyRecorder recorder) throws InterruptedException {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(options));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(options))) {
            assignAtEnd(consumer, options.topic());
            AtomicReference<Throwable> sendFailure = new AtomicReference<>();
            long[] sendWindow = new long[2];
            Thread sender = new Thread(() -> sendAtFixedRate(producer, options, sendFailure, sendWindow),
                    "latency-sender");
            sender.start();
            receive(consumer, recorder, sender);
            sender.join();
            if (sendFailure.get() != null) System.err.println("Send failed: " + sendFailure.get());
            double seconds = (sendWindow[1] - sendWindow[0]) / 1e9;
            return seconds > 0 ? options.totalRecords() / seconds : 0.0;
        }
    }

    /** Positions are resolved before the first send so that no record is skipped by a late "latest" reset. */
    private static void assignAtEnd(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (partitions.isEmpty()) throw new IllegalStateException("Topic " + topic + " has no partitions");
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        for (TopicPartition tp : partitions) consumer.position(tp, Duration.ofSeconds(30));
    }

    private static void sendAtFixedRate(KafkaProducer<byte[], byte[]> producer, LatencyOptions options,
                                        AtomicReference<Throwable> failure, long[] window) {
        // One payload array is reused: send() copies the value into the batch before it returns.
        byte[] payload = new byte[options.recordSize()];
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / options.ratePerSecond();
        long start = System.nanoTime();
        window[0] = start;
        for (int i = 0; i < options.totalRecords() && failure.get() == null; i++) {
            long due = start + i * intervalNanos;
            long now;
            while ((now = System.nanoTime()) < due) LockSupport.parkNanos(due - now);
            LatencyRecorder.stamp(payload, i, System.nanoTime());
            producer.send(new ProducerRecord<>(options.topic(), payload), (metadata, e) -> {
                if (e != null) failure.compareAndSet(null, e);
            });
        }
        producer.flush();
        window[1] = System.nanoTime();
    }

    private static void receive(KafkaConsumer<byte[], byte[]> consumer, LatencyRecorder recorder, Thread sender) {
        long drainDeadline = Long.MAX_VALUE;
        while (!recorder.complete() && System.nanoTime() < drainDeadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                recorder.onReceived(ByteBuffer.wrap(record.value()), System.nanoTime());
            }
            if (!sender.isAlive() && drainDeadline == Long.MAX_VALUE)
                drainDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        }
    }

    private static Properties producerProps(LatencyOptions options) {
        Properties props = ClientConfigFile.load(options.commandConfig());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, options.acks());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-latency-producer");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, options.compressionType());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private static Properties consumerProps(LatencyOptions options) {
        Properties props = ClientConfigFile.load(options.commandConfig());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-latency-consumer");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(options.fetchMaxWaitMs()));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
