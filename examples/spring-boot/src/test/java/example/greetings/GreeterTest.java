package example.greetings;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.junit.BootstrapServers;
import io.tributary.embedded.junit.Tributary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The broker starts before the Spring context (the {@code @Tributary} extension runs first), and the context is
 * pointed at it through {@code spring.kafka.bootstrap-servers}: no Docker, no fixed port.
 */
@Tributary
@SpringBootTest
class GreeterTest {

    @BootstrapServers
    static String bootstrapServers;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> bootstrapServers);
    }

    @Autowired
    KafkaTemplate<String, String> template;

    @Test
    void greetsEveryName() throws Exception {
        // when names are sent to the application's input topic
        template.send("names", "ada").get();
        template.send("names", "grace").get();

        // then it answers each with a greeting on its output topic
        List<ConsumerRecord<String, String>> greetings = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "greetings-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("greetings"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (greetings.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(greetings::add);
            }
        }
        assertThat(greetings).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("Hello, ada!", "Hello, grace!");
    }
}
