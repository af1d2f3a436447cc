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
 * Measures the console's topic and overview calls on many partitions (default one topic of 1,000, replication
 * factor 1, one record in each): min, median and max of 20 warm calls. The target is 300 ms per page. A
 * measurement, not a check run by CI: {@code -Dtest=ConsolePageTimesIT -Dtributary.console.page.times=true
 * [-Dtributary.console.page.topics=1 -Dtributary.console.page.partitions=1000]}.
 */
@EnabledIfSystemProperty(named = "tributary.console.page.times", matches = "true")
class ConsolePageTimesIT {

    private static final int TOPICS = Integer.getInteger("tributary.console.page.topics", 1);
    private static final int PARTITIONS = Integer.getInteger("tributary.console.page.partitions", 1000);
    private static final int WARM_UP = 5;
    private static final int CALLS = 20;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void pageTimes() throws Exception {
        long createStart = System.nanoTime();
        for (int t = 0; t < TOPICS; t++) {
            create(topic(t));
        }
        System.out.printf("created %d topics of %d partitions in %d ms%n", TOPICS, PARTITIONS,
                (System.nanoTime() - createStart) / 1_000_000);
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            for (int t = 0; t < TOPICS; t++) {
                for (int p = 0; p < PARTITIONS; p++) {
                    producer.send(new ProducerRecord<>(topic(t), p, "k", "v"));
                }
            }
            producer.flush();
        }
        ConsoleApi api = ConsoleApi.of(broker.httpPort());
        for (String path : List.of("/topics", "/topics/" + topic(0), "/cluster")) {
            measure(api, path);
        }
    }

    private static String topic(int index) {
        return "console-wide-" + index;
    }

    private static void create(String name) throws Exception {
        try {
            broker.clients().admin().createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1)),
                    new CreateTopicsOptions().timeoutMs(120_000)).all().get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            // A slow machine: the controller may answer late; the topic is created all the same.
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            try {
                return broker.clients().admin().describeTopics(List.of(name)).allTopicNames().get()
                        .get(name).partitions().stream().filter(p -> p.leader() != null).count() == PARTITIONS;
            } catch (ExecutionException e) {
                return false;
            }
        });
    }

    private static void measure(ConsoleApi api, String path) {
        long first = System.nanoTime();
        assertThat(api.get(path).status()).isEqualTo(200);
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
        System.out.printf("GET %s (%d topics of %d partitions): min %.1f ms, median %.1f ms, max %.1f ms (%d calls)%n",
                path, TOPICS, PARTITIONS, millis.get(0), (millis.get(CALLS / 2 - 1) + millis.get(CALLS / 2)) / 2,
                millis.get(CALLS - 1), CALLS);
    }
}
