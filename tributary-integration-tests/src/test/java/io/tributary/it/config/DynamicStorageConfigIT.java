package io.tributary.it.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Storage settings Kafka lets an operator change at run time take effect without a restart. */
class DynamicStorageConfigIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder()
            .config("producer.id.expiration.check.interval.ms", "200")
            .build();

    @Test
    void producerIdExpirationLoweredAtRunTimeExpiresIdleProducers() throws Exception {
        // given an idle idempotent producer's state on a partition (kept a day by default)
        String topic = TopicNames.unique("pid-expiration");
        broker.createTopic(topic, 1);
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaProducer<String, String> producer = broker.clients().producer(
                Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true))) {
            Producing.sendOne(producer, new ProducerRecord<>(topic, 0, null, "once"));
        }
        Admin admin = broker.clients().admin();
        assertThat(activeProducers(admin, partition)).hasSize(1);

        // when producer.id.expiration.ms is lowered for this broker with IncrementalAlterConfigs
        ConfigResource thisBroker = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(broker.nodeId()));
        admin.incrementalAlterConfigs(Map.of(thisBroker, List.of(new AlterConfigOp(
                new ConfigEntry("producer.id.expiration.ms", "1000"), AlterConfigOp.OpType.SET))))
                .all().get(15, TimeUnit.SECONDS);

        // then the idle producer's state is gone within seconds, without a restart
        await("the idle producer expires").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(activeProducers(admin, partition)).isEmpty());
    }

    private static List<ProducerState> activeProducers(Admin admin, TopicPartition partition) throws Exception {
        return admin.describeProducers(List.of(partition)).partitionResult(partition).get(15, TimeUnit.SECONDS)
                .activeProducers();
    }
}
