package io.tributary.it.share;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Share consumers for the tests, and the group config every test group needs (start at the earliest offset). */
public final class ShareConsumers implements AutoCloseable {

    private final String bootstrapServers;
    private final List<KafkaShareConsumer<String, String>> open = new ArrayList<>();

    public ShareConsumers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public KafkaShareConsumer<String, String> create(String groupId, String topic, boolean explicit) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, explicit ? "explicit" : "implicit");
        KafkaShareConsumer<String, String> consumer = new KafkaShareConsumer<>(config);
        consumer.subscribe(List.of(topic));
        synchronized (open) {
            open.add(consumer);
        }
        return consumer;
    }

    /** Sets share.auto.offset.reset=earliest on the group, so it reads what was produced before it joined. */
    public static void startAtEarliest(Admin admin, String groupId) throws Exception {
        setGroupConfig(admin, groupId, "share.auto.offset.reset", "earliest");
    }

    /** Sets one group config, as kafka-configs --entity-type groups --alter --add-config does. */
    public static void setGroupConfig(Admin admin, String groupId, String name, String value) throws Exception {
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, groupId),
                List.of(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET))))
                .all().get(15, TimeUnit.SECONDS);
    }

    public static List<ConsumerRecord<String, String>> poll(KafkaShareConsumer<String, String> consumer, long millis) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        consumer.poll(Duration.ofMillis(millis)).forEach(records::add);
        return records;
    }

    /** Closes one consumer now (acknowledging and releasing as the client does on close). */
    public void close(KafkaShareConsumer<String, String> consumer) {
        synchronized (open) {
            open.remove(consumer);
        }
        consumer.close(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        synchronized (open) {
            open.forEach(c -> {
                try {
                    c.close(Duration.ofSeconds(5));
                } catch (RuntimeException ignored) {
                    // a consumer left behind on purpose (its records locked) may fail to close cleanly
                }
            });
            open.clear();
        }
    }
}
