package io.tributary.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces continuously from a background thread with acks=all and idempotence, remembering exactly which records
 * the broker acknowledged. Values are "prefix-N" with N increasing, spread round-robin over the partitions.
 */
public final class AcknowledgingProducer {

    /** One acknowledged record. */
    public record Ack(int partition, long offset, String value) {
    }

    private static final int MAX_UNACKNOWLEDGED = 256;

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final int partitions;
    private final String prefix;
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLongArray lastAckNanos;
    private final AtomicLongArray lastAckedSendNanos;
    private final Semaphore inFlight = new Semaphore(MAX_UNACKNOWLEDGED);
    private final Thread thread;
    private volatile boolean running = true;
    private final long pauseNanos;

    public AcknowledgingProducer(TestClients clients, String topic, int partitions, String prefix) {
        this(clients, topic, partitions, prefix, Map.of());
    }

    /** As above, with producer config overrides (e.g. a longer delivery timeout to ride out a leader election). */
    public AcknowledgingProducer(TestClients clients, String topic, int partitions, String prefix,
                                 Map<String, ?> overrides) {
        this(clients, topic, partitions, prefix, overrides, 0);
    }

    /**
     * As above, sending at most {@code recordsPerSecond} (0: as fast as acknowledgements allow), so a test on a
     * small machine keeps its brokers and consumers from drowning.
     */
    public AcknowledgingProducer(TestClients clients, String topic, int partitions, String prefix,
                                 Map<String, ?> overrides, int recordsPerSecond) {
        this.pauseNanos = recordsPerSecond <= 0 ? 0 : 1_000_000_000L / recordsPerSecond;
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
        config.putAll(overrides);
        this.producer = clients.producer(config);
        this.topic = topic;
        this.partitions = partitions;
        this.lastAckNanos = new AtomicLongArray(partitions);
        this.lastAckedSendNanos = new AtomicLongArray(partitions);
        this.prefix = prefix;
        this.thread = new Thread(this::produceUntilStopped, "acknowledging-producer-" + prefix);
        thread.setDaemon(true);
        thread.start();
    }

    /** Records the producer accepted so far (acknowledged, failed or still in flight). */
    public int sentCount() {
        return sent.get();
    }

    public int acknowledgedCount() {
        return acknowledged.get();
    }

    public int failedCount() {
        return failures.get();
    }

    /**
     * When ({@link System#nanoTime()}) the latest acknowledgement for {@code partition} arrived, and when its record
     * was sent (0 if none): a failover is over once a record sent after the crash is acknowledged.
     */
    public long lastAckNanos(int partition) {
        return lastAckNanos.get(partition);
    }

    /** See {@link #lastAckNanos}. */
    public long lastAckedSendNanos(int partition) {
        return lastAckedSendNanos.get(partition);
    }

    /** Stops sending, abandons anything not yet acknowledged, and returns the acknowledged records. */
    public List<Ack> stopAndCollect() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(10));
        producer.close(Duration.ZERO); // unacknowledged batches fail now rather than after the delivery timeout
        return new ArrayList<>(acks);
    }

    private void produceUntilStopped() {
        int sequence = 0;
        long nextSendNanos = System.nanoTime();
        while (running) {
            try {
                if (pauseNanos > 0) {
                    long wait = nextSendNanos - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    nextSendNanos = Math.max(nextSendNanos + pauseNanos, System.nanoTime() - 100 * pauseNanos);
                }
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int partition = sequence % partitions;
                String value = prefix + "-" + sequence++;
                long sentNanos = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, partition, null, value), (metadata, exception) -> {
                    inFlight.release();
                    if (exception == null) {
                        acks.add(new Ack(metadata.partition(), metadata.offset(), value));
                        acknowledged.incrementAndGet();
                        lastAckedSendNanos.set(metadata.partition(), sentNanos);
                        lastAckNanos.set(metadata.partition(), System.nanoTime());
                    } else {
                        failures.incrementAndGet();
                    }
                });
                sent.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IllegalStateException producerClosed) {
                return; // the test is over (possibly failed) and its clients were closed
            } catch (RuntimeException e) {
                // The broker is gone: send() itself may time out on metadata. Keep trying until told to stop.
                inFlight.release();
                failures.incrementAndGet();
            }
        }
    }
}
