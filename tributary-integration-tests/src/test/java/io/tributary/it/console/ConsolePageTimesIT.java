package io.tributary.it.console;

import io.tributary.it.support.EmbeddedBroker;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void pageTimes() throws Exception {
        long createStart = System.nanoTime();
        for (int t = 0; t < TOPICS; t++) {
            ConsoleTimes.createTopic(broker, topic(t), PARTITIONS);
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
            ConsoleTimes.measure(api, path, TOPICS + " topics of " + PARTITIONS + " partitions", first -> { });
        }
    }

    private static String topic(int index) {
        return "console-wide-" + index;
    }
}
