package example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.junit.BootstrapServers;
import io.tributary.embedded.junit.Tributary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** One broker for the class, started in milliseconds inside this JVM; its data is removed afterwards. */
@Tributary(config = {"num.partitions=3"})
class OrderEventsTest {

    @Test
    void eventsOfOneCustomerArriveInOrderAndTheGroupCommitsThem(@BootstrapServers String bootstrap, Admin admin)
            throws Exception {
        // given a topic with three partitions
        admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1))).all().get();

        try (OrderEvents events = new OrderEvents(bootstrap, "orders", "billing")) {
            // when one customer's events are published
            for (String event : List.of("created", "paid", "shipped")) {
                events.publish("customer-42", event);
            }

            // then the group reads them in order (one key, one partition) and its offsets are committed
            List<ConsumerRecord<String, String>> received = events.take(3, Duration.ofSeconds(30));
            assertThat(received).extracting(ConsumerRecord::value).containsExactly("created", "paid", "shipped");

            int partition = received.get(0).partition();
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("billing").partitionsToOffsetAndMetadata().get();
            assertThat(committed.get(new TopicPartition("orders", partition)).offset()).isEqualTo(3);
        }
    }
}
