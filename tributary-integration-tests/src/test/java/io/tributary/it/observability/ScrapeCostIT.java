package io.tributary.it.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.it.support.EmbeddedBroker;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * Measures {@code /metrics} on a broker hosting many partitions (default 10,000: 100 topics of 100): time and size
 * of a scrape in both formats. A measurement, not a check run by CI:
 * {@code -Dtest=ScrapeCostIT -Dtributary.scrape.cost=true [-Dtributary.scrape.topics=100 -Dtributary.scrape.partitions=100]}.
 */
@EnabledIfSystemProperty(named = "tributary.scrape.cost", matches = "true")
class ScrapeCostIT {

    private static final int TOPICS = Integer.getInteger("tributary.scrape.topics", 100);
    private static final int PARTITIONS = Integer.getInteger("tributary.scrape.partitions", 100);

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void scrapeTimeAndSize() throws Exception {
        long createStart = System.nanoTime();
        for (int t = 0; t < TOPICS; t++) {
            String name = "scrape-" + t;
            try {
                broker.clients().admin().createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1)),
                        new CreateTopicsOptions().timeoutMs(120_000)).all().get(5, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                // A slow machine: the controller may answer late; the topic is created all the same.
                await().atMost(Duration.ofMinutes(2)).until(() -> broker.clients().admin().listTopics().names()
                        .get().contains(name));
            }
        }
        System.out.printf("created %d partitions in %d ms%n", TOPICS * PARTITIONS,
                (System.nanoTime() - createStart) / 1_000_000);
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            for (int t = 0; t < TOPICS; t++) {
                for (int p = 0; p < PARTITIONS; p++) {
                    producer.send(new ProducerRecord<>("scrape-" + t, p, "k", "v"));
                }
            }
            producer.flush();
        }
        for (String accept : List.of("text/plain", "application/openmetrics-text; version=1.0.0")) {
            for (int warm = 0; warm < 3; warm++) {
                Scrape.get(broker.httpPort(), "/metrics", accept);
            }
            int runs = 10;
            long total = 0;
            long max = 0;
            int size = 0;
            int lines = 0;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = Scrape.get(broker.httpPort(), "/metrics", accept);
                long took = System.nanoTime() - start;
                total += took;
                max = Math.max(max, took);
                size = response.body().length();
                lines = (int) response.body().lines().filter(l -> !l.startsWith("#")).count();
                assertThat(response.statusCode()).isEqualTo(200);
            }
            System.out.printf("scrape %s: %d partitions, %d samples, %d bytes, mean %d ms, max %d ms%n", accept,
                    TOPICS * PARTITIONS, lines, size, total / runs / 1_000_000, max / 1_000_000);
        }
    }
}
