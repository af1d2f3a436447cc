package io.tributary.it.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.TopicNames;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ThrottlingQuotaExceededException;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Client quotas throttle the official clients as Kafka does: a producer and a consumer over their byte rate are
 * held to it (measured by the client, after the first window's allowance) and report the broker's throttle time in
 * their own metrics; a specific client-id quota wins over the default one; topic creations beyond
 * controller_mutation_rate are refused with THROTTLING_QUOTA_EXCEEDED.
 */
class ClientThrottlingIT {

    /** Bytes per second: far below what even a loaded machine moves, so the quota is what limits. */
    private static final long RATE = 300_000;
    private static final int RECORD_BYTES = 1000;
    /** Two one-second windows: the initial allowance is one second's worth, then the rate holds. */
    private static final int WINDOW_NUM = 2;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder()
            .config("quota.window.num", WINDOW_NUM)
            .config("quota.window.size.seconds", 1)
            .build();

    @Test
    void producerIsHeldToItsByteRateAndReportsThrottleTime() throws Exception {
        String topic = TopicNames.unique("produce-quota");
        broker.createTopic(topic, 1);
        setQuota(clientId("quota-producer"), "producer_byte_rate", (double) RATE);

        try (KafkaProducer<String, String> producer = broker.clients().producer(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "quota-producer",
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.BATCH_SIZE_CONFIG, 16_384,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 256 * 1024,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000))) {
            AtomicLong acked = new AtomicLong();
            String value = "x".repeat(RECORD_BYTES);
            RateWindow window = new RateWindow(acked);
            while (!window.done()) {
                producer.send(new ProducerRecord<>(topic, 0, null, value), (metadata, error) -> {
                    if (error == null) {
                        acked.addAndGet(RECORD_BYTES);
                    }
                });
                window.sample();
            }
            assertThat(window.rate()).as("produced bytes per second; bytes acknowledged over time: %s",
                    window.timeline).isCloseTo(RATE, withinTenPercent());
            assertThat(metric(producer.metrics(), "produce-throttle-time-max")).isGreaterThan(0.0);
            assertThat(metric(producer.metrics(), "produce-throttle-time-avg")).isGreaterThan(0.0);
        }
        // and the broker publishes the client's rate and throttle time as Kafka does (empty user tag left out)
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName produceQuota = new ObjectName("kafka.server:type=Produce,client-id=quota-producer");
        assertThat((Double) jmx.getAttribute(produceQuota, "byte-rate")).isPositive();
        assertThat((Double) jmx.getAttribute(produceQuota, "throttle-time")).isPositive();
    }

    @Test
    void consumerIsHeldToItsByteRateAndReportsThrottleTime() throws Exception {
        String topic = TopicNames.unique("fetch-quota");
        broker.createTopic(topic, 1);
        int records = (int) (RATE * 26 / RECORD_BYTES); // more than the 20 s measured can take
        String value = "y".repeat(RECORD_BYTES);
        try (KafkaProducer<String, String> producer = broker.clients().producer(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "unthrottled-loader", ProducerConfig.LINGER_MS_CONFIG, 5))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, value));
            }
            producer.flush();
        }
        setQuota(clientId("quota-consumer"), "consumer_byte_rate", (double) RATE);

        try (KafkaConsumer<String, String> consumer = broker.clients().consumer(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "quota-consumer",
                // small fetches: a throttled fetch's bytes are not sent, but its throttle time counts them
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            AtomicLong consumed = new AtomicLong();
            RateWindow window = new RateWindow(consumed);
            while (!window.done()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    consumed.addAndGet(record.value().length());
                }
                window.sample();
            }
            assertThat(window.rate()).as("consumed bytes per second; bytes consumed over time: %s",
                    window.timeline).isCloseTo(RATE, withinTenPercent());
            assertThat(metric(consumer.metrics(), "fetch-throttle-time-max")).isGreaterThan(0.0);
            assertThat(metric(consumer.metrics(), "fetch-throttle-time-avg")).isGreaterThan(0.0);
        }
    }

    @Test
    void aClientIdQuotaWinsOverTheDefaultClientIdQuota() throws Exception {
        String topic = TopicNames.unique("precedence");
        broker.createTopic(topic, 1);
        ClientQuotaEntity defaultClient = clientId(null);
        setQuota(defaultClient, "producer_byte_rate", 20_000.0);
        setQuota(clientId("vip"), "producer_byte_rate", 1_000_000_000.0);
        try {
            assertThat(throttleAfterBurst(topic, "anybody")).as("a client under the default quota").isGreaterThan(0.0);
            assertThat(throttleAfterBurst(topic, "vip")).as("the client with its own quota").isZero();
        } finally {
            setQuota(defaultClient, "producer_byte_rate", null);
        }
    }

    @Test
    void topicCreationsBeyondTheMutationRateAreRefusedWithThrottlingQuotaExceeded() throws Exception {
        setQuota(clientId("mutator"), "controller_mutation_rate", 1.0);
        try (Admin admin = broker.clients().newAdmin(Map.of("client.id", "mutator"))) {
            CreateTopicsOptions noRetry = new CreateTopicsOptions().retryOnQuotaViolation(false);
            String big = TopicNames.unique("mutation-big");
            String next = TopicNames.unique("mutation-next");
            // one request, topic by topic as Kafka's strict quota: the first is admitted although it takes more than
            // the bucket holds (1/s x controller.quota.window.num 11 x 1 s = 11 tokens), the next finds it empty
            var both = admin.createTopics(List.of(new NewTopic(big, 20, (short) 1), new NewTopic(next, 1, (short) 1)),
                    noRetry);
            both.values().get(big).get(15, TimeUnit.SECONDS);
            assertThrottled(() -> both.values().get(next).get(15, TimeUnit.SECONDS));

            // (asked with another client: this one waits out the throttle time it was given before sending again)
            assertThat(broker.clients().admin().listTopics().names().get(15, TimeUnit.SECONDS)).contains(big)
                    .doesNotContain(next);
        }
        // a request of its own finds the bucket empty too (another client, so its own bucket; the Java client
        // would otherwise wait out the throttle time it was just given before sending again)
        setQuota(clientId("mutator-2"), "controller_mutation_rate", 1.0);
        try (Admin admin = broker.clients().newAdmin(Map.of("client.id", "mutator-2"))) {
            CreateTopicsOptions noRetry = new CreateTopicsOptions().retryOnQuotaViolation(false);
            admin.createTopics(List.of(new NewTopic(TopicNames.unique("mutation-first"), 20, (short) 1)), noRetry)
                    .all().get(15, TimeUnit.SECONDS);
            assertThrottled(() -> admin.createTopics(List.of(new NewTopic(TopicNames.unique("mutation-second"), 1,
                    (short) 1)), noRetry).all().get(15, TimeUnit.SECONDS));
        }
    }

    private static void assertThrottled(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(ThrottlingQuotaExceededException.class)
                .satisfies(e -> assertThat(((ThrottlingQuotaExceededException) e).throttleTimeMs()).isGreaterThan(0));
    }

    /** Sends 200 KB at once with the given client id; returns the producer's largest throttle time. */
    private static double throttleAfterBurst(String topic, String clientId) throws Exception {
        try (KafkaProducer<String, String> producer = broker.clients().producer(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clientId, ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.BATCH_SIZE_CONFIG, 16_384))) {
            String value = "z".repeat(RECORD_BYTES);
            for (int i = 0; i < 200; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, value));
            }
            producer.flush();
            // one more request after the burst, so that a throttled client has been answered with the time
            producer.send(new ProducerRecord<>(topic, 0, null, value)).get(20, TimeUnit.SECONDS);
            return metric(producer.metrics(), "produce-throttle-time-max");
        }
    }

    /**
     * The client's bytes over its first ten seconds. Kafka's rate is measured over quota.window.num one-second
     * windows and a purged window lets a burst through, so over a few seconds the rate swings by about a window's
     * worth; over ten it averages out to the quota.
     */
    private static final class RateWindow {
        // Long enough that the first buffer-full (sent before any quota can apply) and the response sent ahead of
        // each throttle (KIP-219: answer, then mute) weigh little: over 10 s they made up to +10.3 % on a busy machine.
        private static final long MEASURE_NANOS = TimeUnit.SECONDS.toNanos(20);
        private final AtomicLong counter;
        private final long start = System.nanoTime();
        /** Kept for the failure message: how the bytes came, every half second. */
        final StringBuilder timeline = new StringBuilder();
        private long nextTick;
        private long end = -1;
        private long total;

        RateWindow(AtomicLong counter) {
            this.counter = counter;
        }

        void sample() {
            long elapsed = System.nanoTime() - start;
            if (elapsed >= nextTick) {
                timeline.append(elapsed / 1_000_000).append("ms:").append(counter.get() / 1000).append("k ");
                nextTick += 500_000_000L;
            }
            if (end < 0 && elapsed >= MEASURE_NANOS) {
                total = counter.get();
                end = elapsed;
            }
        }

        boolean done() {
            return end >= 0;
        }

        double rate() {
            return total * 1e9 / end;
        }
    }

    private static org.assertj.core.data.Offset<Double> withinTenPercent() {
        return org.assertj.core.data.Offset.offset(RATE * 0.1);
    }

    private static double metric(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream().filter(e -> e.getKey().name().equals(name))
                .map(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .filter(v -> !v.isNaN()).findFirst().orElse(0.0);
    }

    private static void setQuota(ClientQuotaEntity entity, String key, Double value) throws Exception {
        broker.clients().admin().alterClientQuotas(List.of(new ClientQuotaAlteration(entity,
                List.of(new ClientQuotaAlteration.Op(key, value))))).all().get(15, TimeUnit.SECONDS);
    }

    private static ClientQuotaEntity clientId(String name) {
        Map<String, String> entries = new HashMap<>();
        entries.put(ClientQuotaEntity.CLIENT_ID, name);
        return new ClientQuotaEntity(entries);
    }
}
