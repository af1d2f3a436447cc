package io.tributary.it.console.browser;

import java.util.ArrayList;
import java.util.List;

import io.tributary.it.support.EmbeddedBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * How long the console's pages take in the browser, from the route change to the page drawn (its API calls
 * included), with a topic of 1,000 partitions: a measurement, printed, not a check (run with
 * {@code -Dtest=ConsolePageTimesBrowserIT -Dtributary.console.page.times=true}).
 */
@EnabledIfSystemProperty(named = "tributary.console.page.times", matches = "true")
class ConsolePageTimesBrowserIT {

    private static final int RUNS = 10;

    @RegisterExtension
    @Order(1)
    static final BrowserExtension browser = new BrowserExtension();

    @RegisterExtension
    @Order(2)
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void pagesWithATopicOfAThousandPartitions() throws Exception {
        broker.createTopic("wide", 1000);
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            for (int p = 0; p < 1000; p++) {
                producer.send(new ProducerRecord<>("wide", p, null, "record-" + p));
            }
        }
        Console console = browser.console(broker.httpPort());
        for (String route : List.of("#/overview", "#/topics", "#/topics/wide", "#/topics/wide/messages", "#/groups")) {
            List<Long> times = new ArrayList<>();
            console.reload(route, route); // a first, cold load
            for (int i = 0; i < RUNS; i++) {
                console.reload(route, route);
                times.add(Long.parseLong(browser.driver().findElement(By.id("page")).getAttribute("data-render-ms")));
            }
            times.sort(null);
            System.out.printf("console page %-26s min %4d ms  median %4d ms  max %4d ms  (%d loads)%n", route,
                    times.get(0), times.get(RUNS / 2), times.get(RUNS - 1), RUNS);
        }
    }
}
