package io.tributary.console.session;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One session's clients, made when first needed: an Admin (kept), a producer for test messages (kept) and
 * consumers without a group for browsing (one per call, closed by the caller). All connect with the session's
 * credentials.
 */
public final class SessionClients implements AutoCloseable {

    private final Map<String, Object> properties;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;

    SessionClients(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    public synchronized Admin admin() {
        ensureOpen();
        if (admin == null) {
            admin = Admin.create(properties);
        }
        return admin;
    }

    public synchronized KafkaProducer<byte[], byte[]> producer() {
        ensureOpen();
        if (producer == null) {
            Map<String, Object> props = new java.util.HashMap<>(properties);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** A new consumer without a group (assign and seek only); the caller closes it. */
    public KafkaConsumer<byte[], byte[]> newConsumer() {
        ensureOpen();
        Map<String, Object> props = new java.util.HashMap<>(properties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The session has ended");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
