package io.tributary.it.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.embedded.EmbeddedTributaryCluster;
import io.tributary.it.support.TestClients;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console of one node of a 3-node cluster, in headless Chromium: it shows the whole cluster (every broker, the
 * quorum's three voters, partitions led elsewhere), searches partitions led by other nodes, and shows a stopped
 * node's replicas as offline.
 */
class ConsoleClusterBrowserIT {

    private static final String TOPIC = "replicated-orders";

    @RegisterExtension
    @Order(1)
    static final BrowserExtension browser = new BrowserExtension();

    private static EmbeddedTributaryCluster cluster;
    private static TestClients clients;

    @BeforeAll
    static void start() throws Exception {
        cluster = EmbeddedTributaryCluster.builder().nodes(3).start();
        clients = new TestClients(cluster.bootstrapServers());
        clients.admin().createTopics(List.of(new NewTopic(TOPIC, Map.of(0, List.of(1, 2, 3), 1, List.of(2, 3, 1),
                2, List.of(3, 1, 2))))).all().get(30, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> producer = clients.producer()) {
            for (int i = 0; i < 300; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % 3, "k" + i, "order-" + i));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void oneNodesConsoleShowsTheWholeClusterAndANodeGone() {
        Console console = browser.console(cluster.node(2).httpPort()).open("#/overview");
        console.waitUntil(d -> d.findElements(By.cssSelector("[data-testid='overview-brokers'] tbody tr")).size() == 3);
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid='overview-quorum'] tbody tr")))
                .hasSize(3);
        assertThat(console.text("overview-controller")).isIn("1", "2", "3");
        assertThat(console.text("overview-offline")).isEqualTo("0");

        // a search from node 2 finds the records of partitions that every node leads
        console.open("#/topics/" + TOPIC + "/messages");
        console.type("search-query", "order-29").choose("messages-from", "beginning").click("search-start");
        console.awaitText("search-status", "Done");
        // order-29 and order-290..299
        assertThat(console.findAll("search-match")).hasSize(11)
                .extracting(m -> m.getAttribute("data-partition")).contains("0", "1", "2");

        // node 3 stops: the topic page shows its replica offline in every partition
        cluster.node(3).stop();
        String route = "#/topics/" + TOPIC;
        console.waitUntil(Duration.ofSeconds(60), d -> {
            console.reload(route, route);
            List<WebElement> rows = console.findAll("partition-row");
            return rows.size() == 3 && rows.stream()
                    .allMatch(r -> r.findElements(By.tagName("td")).get(4).getText().equals("3"));
        });
    }
}
