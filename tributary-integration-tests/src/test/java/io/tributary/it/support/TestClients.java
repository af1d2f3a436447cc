package io.tributary.it.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Creates official Kafka clients pointed at one broker, with timeouts short enough that a broken broker fails a test
 * in seconds rather than minutes. Every client made here is closed by {@link #close()}.
 */
public final class TestClients implements AutoCloseable {

    private final String bootstrapServers;
    private final List<AutoCloseable> created = new CopyOnWriteArrayList<>();
    private volatile Admin sharedAdmin;

    public TestClients(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** One admin client shared by a test class; do not close it yourself. */
    public synchronized Admin admin() {
        if (sharedAdmin == null) {
            sharedAdmin = newAdmin(Map.of());
        }
        return sharedAdmin;
    }

    public Admin newAdmin(Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        config.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50);
        config.putAll(overrides);
        return track(Admin.create(config));
    }

    /** A String producer with the client's defaults (acks=all, idempotence on) unless overridden. */
    public KafkaProducer<String, String> producer(Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50);
        config.putAll(overrides);
        return track(new KafkaProducer<>(config));
    }

    public KafkaProducer<String, String> producer() {
        return producer(Map.of());
    }

    /**
     * A transactional String producer (idempotent, acks=all, as the client requires). The caller runs
     * {@code initTransactions()} itself, since some tests expect that very call to fail or to fence another producer.
     */
    public KafkaProducer<String, String> transactionalProducer(String transactionalId, Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.putAll(overrides);
        return producer(config);
    }

    public KafkaProducer<String, String> transactionalProducer(String transactionalId) {
        return transactionalProducer(transactionalId, Map.of());
    }

    /** An {@code assign()} consumer that reads only committed transactional data and stops at the last stable offset. */
    public KafkaConsumer<String, String> readCommittedConsumer(Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putAll(overrides);
        return consumer(config);
    }

    public KafkaConsumer<String, String> readCommittedConsumer() {
        return readCommittedConsumer(Map.of());
    }

    /** A String consumer for {@code assign()} use: no group.id (unless overridden), so nothing is committed. */
    public KafkaConsumer<String, String> consumer(Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200);
        config.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, 50);
        config.putAll(overrides);
        return track(new KafkaConsumer<>(config));
    }

    public KafkaConsumer<String, String> consumer() {
        return consumer(Map.of());
    }

    /**
     * A consumer in a classic-protocol group ({@code group.protocol=classic}): manual commits, reading from the
     * earliest offset when nothing is committed, and fast heartbeats so rebalances are noticed within half a second.
     * The max poll interval (also the rebalance timeout) is short so a member that stops polling cannot stall a
     * rebalance for the client default of five minutes.
     */
    public KafkaConsumer<String, String> classicGroupConsumer(String groupId, Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 20_000);
        config.putAll(overrides);
        return consumer(config);
    }

    public KafkaConsumer<String, String> classicGroupConsumer(String groupId) {
        return classicGroupConsumer(groupId, Map.of());
    }

    /**
     * A consumer in a KIP-848 group ({@code group.protocol=consumer}). Session timeout, heartbeat interval and
     * assignor class are the broker's business under this protocol, and the client refuses them, so none are set.
     */
    public KafkaConsumer<String, String> consumerProtocolConsumer(String groupId, Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        config.putAll(overrides);
        return consumer(config);
    }

    private <T extends AutoCloseable> T track(T client) {
        created.add(client);
        return client;
    }

    @Override
    public void close() {
        for (AutoCloseable client : created) {
            try {
                client.close();
            } catch (Exception ignored) {
                // Closing is best effort: the broker may already be gone.
            }
        }
        created.clear();
        sharedAdmin = null;
    }
}
