package io.tributary.it.console;

import static org.assertj.core.api.Assertions.assertThat;

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

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void browseTimes() throws Exception {
        ConsoleTimes.createTopic(broker, TOPIC, PARTITIONS);
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
        ConsoleTimes.measure(api, path, PARTITIONS + " partitions x " + RECORDS + " records",
                first -> assertThat(first.body().get("messages")).hasSize(50));
    }
}
