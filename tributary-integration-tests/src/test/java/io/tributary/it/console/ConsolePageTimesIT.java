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
 * Measures the console's topic and overview calls on a topic of many partitions (default 1,000, replication factor
 * 1, one record in each): min, median and max of 20 warm calls. The target is 300 ms per page. A
 * measurement, not a check run by CI:
 * {@code -Dtest=ConsolePageTimesIT -Dtributary.console.page.times=true [-Dtributary.console.page.partitions=1000]}.
 */
@EnabledIfSystemProperty(named = "tributary.console.page.times", matches = "true")
class ConsolePageTimesIT {

    private static final int PARTITIONS = Integer.getInteger("tributary.console.page.partitions", 1000);
    private static final int WARM_UP = 5;
    private static final int CALLS = 20;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void pageTimes() throws Exception {
        long createStart = System.nanoTime();
        try {
            broker.clients().admin().createTopics(List.of(new NewTopic("console-wide", PARTITIONS, (short) 1)),
                    new CreateTopicsOptions().timeoutMs(120_000)).all().get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            // A slow machine: the controller may answer late; the topic is created all the same.
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            try {
                return broker.clients().admin().describeTopics(List.of("console-wide")).allTopicNames().get()
                        .get("console-wide").partitions().stream().filter(p -> p.leader() != null).count()
                        == PARTITIONS;
            } catch (ExecutionException e) {
                return false;
            }
        });
        System.out.printf("created %d partitions in %d ms%n", PARTITIONS, (System.nanoTime() - createStart) / 1_000_000);
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            for (int p = 0; p < PARTITIONS; p++) {
                producer.send(new ProducerRecord<>("console-wide", p, "k", "v"));
            }
            producer.flush();
        }
        ConsoleApi api = ConsoleApi.of(broker.httpPort());
        for (String path : List.of("/topics", "/topics/console-wide", "/cluster")) {
            measure(api, path);
        }
    }

    private static void measure(ConsoleApi api, String path) {
        for (int i = 0; i < WARM_UP; i++) {
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
        System.out.printf("GET %s with %d partitions: min %.1f ms, median %.1f ms, max %.1f ms (%d calls)%n",
                path, PARTITIONS, millis.get(0), (millis.get(CALLS / 2 - 1) + millis.get(CALLS / 2)) / 2,
                millis.get(CALLS - 1), CALLS);
    }
}
