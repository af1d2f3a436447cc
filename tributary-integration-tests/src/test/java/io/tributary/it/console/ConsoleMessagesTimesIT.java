package io.tributary.it.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.it.support.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Measures the messages page's browse call on a wide topic (default 1,000 partitions, replication factor 1, 100
 * records in each): min, median and max of 20 warm calls of {@code partition=all&from=end&limit=50} (and of
 * {@code from=beginning}). A measurement, not a check run by CI: {@code -Dtest=ConsoleMessagesTimesIT
 * -Dtributary.console.page.times=true [-Dtributary.console.page.partitions=1000
 * -Dtributary.console.page.records=100]}.
 */
@EnabledIfSystemProperty(named = "tributary.console.page.times", matches = "true")
class ConsoleMessagesTimesIT {

    private static final int PARTITIONS = Integer.getInteger("tributary.console.page.partitions", 1000);
    private static final int RECORDS = Integer.getInteger("tributary.console.page.records", 100);
    private static final String TOPIC = "console-browse-wide";
    private static final int WARM_UP = 5;
    private static final int CALLS = 20;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void browseTimes() throws Exception {
        try {
            broker.clients().admin().createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)),
                    new CreateTopicsOptions().timeoutMs(120_000)).all().get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            // A slow machine: the controller may answer late; the topic is created all the same.
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            try {
                return broker.clients().admin().describeTopics(List.of(TOPIC)).allTopicNames().get()
                        .get(TOPIC).partitions().stream().filter(p -> p.leader() != null).count() == PARTITIONS;
            } catch (ExecutionException e) {
                return false;
            }
        });
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            for (int i = 0; i < RECORDS; i++) {
                for (int p = 0; p < PARTITIONS; p++) {
                    producer.send(new ProducerRecord<>(TOPIC, p, "key-" + p, "value-" + p + "-" + i));
                }
            }
            producer.flush();
        }
        ConsoleApi api = ConsoleApi.of(broker.httpPort());
        measure(api, "/topics/" + TOPIC + "/messages?partition=all&from=end&limit=50");
        measure(api, "/topics/" + TOPIC + "/messages?partition=all&from=beginning&limit=50");
    }

    private static void measure(ConsoleApi api, String path) {
        long first = System.nanoTime();
        ConsoleApi.Response firstResponse = api.get(path);
        assertThat(firstResponse.status()).isEqualTo(200);
        assertThat(firstResponse.body().get("messages")).hasSize(50);
        System.out.printf("GET %s first call: %.1f ms%n", path, (System.nanoTime() - first) / 1e6);
        for (int i = 1; i < WARM_UP; i++) {
            assertThat(api.get(path).status()).isEqualTo(200);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            ConsoleApi.Response response = api.get(path);
            millis.add((System.nanoTime() - start) / 1e6);
            assertThat(response.status()).isEqualTo(200);
        }
        Collections.sort(millis);
        System.out.printf("GET %s (%d partitions x %d records): min %.1f ms, median %.1f ms, max %.1f ms (%d calls)%n",
                path, PARTITIONS, RECORDS, millis.get(0), (millis.get(CALLS / 2 - 1) + millis.get(CALLS / 2)) / 2,
                millis.get(CALLS - 1), CALLS);
    }
}
