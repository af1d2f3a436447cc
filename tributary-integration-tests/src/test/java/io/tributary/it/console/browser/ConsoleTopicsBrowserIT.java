package io.tributary.it.console.browser;

import static io.tributary.it.console.browser.Console.testId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.EmbeddedBroker;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's topic and message pages in headless Chromium against an in-process broker: a topic created and
 * changed through the forms, messages produced through the produce form and a KafkaProducer, and found again by the
 * search that runs on the broker. Each page's picture is taken on the way (see {@link Console#screenshot}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleTopicsBrowserIT {

    @RegisterExtension
    @Order(1)
    static final BrowserExtension browser = new BrowserExtension();

    @RegisterExtension
    @Order(2)
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    private Console console() {
        return browser.console(broker.httpPort());
    }

    @Test
    @Order(1)
    void createsATopicWithConfigsThroughTheForm() throws Exception {
        Console console = console().open("#/topics");

        console.type("topic-create-name", "orders")
                .type("topic-create-partitions", "3")
                .type("topic-create-configs", "retention.ms=3600000\ncleanup.policy=delete")
                .click("topic-create-submit");

        WebElement row = console.row("topic-row", "data-topic", "orders");
        assertThat(row.getText()).contains("orders");
        TopicDescription created = broker.clients().admin().describeTopics(List.of("orders")).allTopicNames()
                .get(15, TimeUnit.SECONDS).get("orders");
        assertThat(created.partitions()).hasSize(3);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "orders");
        Config configs = broker.clients().admin().describeConfigs(List.of(resource)).all()
                .get(15, TimeUnit.SECONDS).get(resource);
        assertThat(configs.get("retention.ms").value()).isEqualTo("3600000");
    }

    @Test
    @Order(2)
    void addsPartitionsAndEditsAConfigOnTheTopicPage() throws Exception {
        broker.createTopic("payments", 2);
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            for (int i = 0; i < 40; i++) {
                producer.send(new ProducerRecord<>("payments", i % 2, "p" + i, "{\"amount\":" + i + "}"));
            }
        }
        Console console = console().open("#/topics/payments");
        assertThat(console.findAll("partition-row")).hasSize(2);

        console.type("add-partitions-count", "4").click("add-partitions-submit");
        console.waitUntil(d -> console.findAll("partition-row").size() == 4);
        console.type("topic-config-set", "retention.bytes=1048576").click("topic-config-submit");
        console.row("config-row", "data-config", "retention.bytes");

        assertThat(broker.clients().admin().describeTopics(List.of("payments")).allTopicNames()
                .get(15, TimeUnit.SECONDS).get("payments").partitions()).hasSize(4);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "payments");
        assertThat(broker.clients().admin().describeConfigs(List.of(resource)).all().get(15, TimeUnit.SECONDS)
                .get(resource).get("retention.bytes").value()).isEqualTo("1048576");
        console.screenshot("topic");
    }

    @Test
    @Order(3)
    void producesThroughTheFormAndFindsAMessageByValueWithTheSearch() throws Exception {
        broker.createTopic("clicks", 3);
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            for (int i = 0; i < 3000; i++) {
                String value = "{\"user\":\"user-" + (i % 97) + "\",\"page\":\"/item/" + i + "\"}";
                producer.send(new ProducerRecord<>("clicks", i % 3, "user-" + (i % 97), value));
            }
        }
        Console console = console().open("#/topics/clicks/messages");

        console.choose("produce-partition", "1")
                .type("produce-key", "console-key")
                .type("produce-value", "{\"user\":\"needle-in-the-haystack\",\"page\":\"/checkout\"}")
                .type("produce-headers", "source=console-test")
                .click("produce-submit");
        assertThat(console.awaitText("produce-result", "offset")).contains("partition 1", "offset 1000");

        console.type("search-query", "needle-in-the")
                .choose("search-mode", "substring")
                .choose("search-field", "value")
                .choose("messages-from", "beginning")
                .click("search-start");
        console.awaitText("search-status", "Done");
        List<WebElement> matches = console.findAll("search-match");
        assertThat(matches).hasSize(1);
        assertThat(matches.get(0).getAttribute("data-partition")).isEqualTo("1");
        assertThat(matches.get(0).getAttribute("data-offset")).isEqualTo("1000");
        assertThat(matches.get(0).findElement(testId("message-value")).getText()).contains("needle-in-the-haystack");
        assertThat(matches.get(0).findElement(testId("message-headers")).getText()).contains("source", "console-test");
        assertThat(console.find("search-progress").getText()).contains("MB/s", "partitions 3/3");

        console.choose("messages-decode", "json");
        console.waitUntil(d -> console.findAll("search-match").get(0).findElement(testId("message-value"))
                .getText().contains("\"page\": \"/checkout\""));
        console.screenshot("messages");
    }

    @Test
    @Order(4)
    void browsesFromAnOffsetAndTailsNewMessages() throws Exception {
        broker.createTopic("events", 1);
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>("events", 0, null, "event-" + i));
            }
        }
        Console console = console().open("#/topics/events/messages");
        console.choose("messages-partition", "0").choose("messages-from", "offset").type("messages-offset", "15")
                .type("messages-limit", "3").click("messages-load");
        console.waitUntil(d -> console.findAll("message-row").size() == 3
                && "15".equals(console.findAll("message-row").get(0).getAttribute("data-offset")));
        assertThat(console.findAll("message-row").get(2).getText()).contains("event-17");

        console.click("messages-tail-toggle");
        console.awaitText("messages-tail-status", "waiting");
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            producer.send(new ProducerRecord<>("events", 0, null, "live-one")).get(15, TimeUnit.SECONDS);
        }
        console.waitUntil(d -> console.findAll("message-row").stream().anyMatch(r -> r.getText().contains("live-one")));
        assertThat(console.awaitText("messages-tail-status", "live: 1")).contains("1 new message");
        console.click("messages-tail-toggle");
    }

    @Test
    @Order(5)
    void deletesATopicAfterConfirming() throws Exception {
        broker.createTopic("scratch", 1);
        Console console = console().open("#/topics");
        console.type("topics-filter", "scratch");
        console.waitUntil(d -> console.findAll("topic-row").size() == 1);

        console.row("topic-row", "data-topic", "scratch").findElement(testId("topic-delete")).click();
        console.click("confirm-ok");

        console.waitUntil(ExpectedConditions.invisibilityOfElementLocated(
                org.openqa.selenium.By.cssSelector("[data-testid='topic-row'][data-topic='scratch']")));
        assertThat(broker.clients().admin().listTopics().names().get(15, TimeUnit.SECONDS)).doesNotContain("scratch");
    }

    @Test
    @Order(6)
    void showsTransactionsOfTransactionalProducers() throws Exception {
        try (KafkaProducer<String, String> committing = broker.clients().transactionalProducer("checkout-service");
             KafkaProducer<String, String> aborting = broker.clients().transactionalProducer("refund-service");
             KafkaProducer<String, String> open = broker.clients().transactionalProducer("inventory-service")) {
            for (KafkaProducer<String, String> producer : List.of(committing, aborting, open)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("orders", 0, "o-1", "created")).get(15, TimeUnit.SECONDS);
            }
            committing.commitTransaction();
            aborting.abortTransaction();

            Console console = console().open("#/transactions");
            WebElement committed = console.row("transaction-row", "data-transactional-id", "checkout-service");
            assertThat(committed.findElement(testId("transaction-state")).getText()).isEqualTo("CompleteCommit");
            assertThat(console.cellText("transaction-row", "data-transactional-id", "refund-service",
                    "transaction-state")).isEqualTo("CompleteAbort");
            WebElement ongoing = console.row("transaction-row", "data-transactional-id", "inventory-service");
            assertThat(ongoing.findElement(testId("transaction-state")).getText()).isEqualTo("Ongoing");
            assertThat(ongoing.getText()).contains("orders-0");
            console.screenshot("transactions");
            open.abortTransaction();
        }
    }

    @Test
    @Order(7)
    void securityPageSaysTheAuthorizerIsNotEnabled() {
        Console console = console().open("#/security");
        assertThat(console.find("security-disabled").getText()).contains("Authorizer not enabled");
    }

    private static int samplesDrawn(Console console) {
        String samples = console.find("throughput-charts").getAttribute("data-samples");
        return samples == null ? 0 : Integer.parseInt(samples);
    }

    @Test
    @Order(8)
    void overviewShowsTheBrokerAndPartitionHealth() throws Exception {
        Console console = console().open("#/overview");
        WebElement brokers = console.find("overview-brokers");
        assertThat(brokers.getText()).contains("controller");
        assertThat(console.find("overview-offline").getText()).isEqualTo("0");
        assertThat(console.find("overview-under-replicated").getText()).isEqualTo("0");
        console.waitUntil(ExpectedConditions.presenceOfElementLocated(
                org.openqa.selenium.By.cssSelector("[data-testid='chart-bytes'] canvas")));
        console.waitUntil(d -> samplesDrawn(console) >= 1);
        if (Boolean.getBoolean(Console.SCREENSHOTS_PROPERTY)) {
            // for the docs' picture: half a minute of traffic in the charts, which take a sample every 5 s
            try (KafkaProducer<String, String> producer = broker.clients().producer()) {
                int first = samplesDrawn(console);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                for (int batch = 0; samplesDrawn(console) < first + 6 && System.nanoTime() < deadline; batch++) {
                    for (int i = 0; i < 500; i++) {
                        producer.send(new ProducerRecord<>("clicks", i % 3, "user-" + (i % 97),
                                "{\"batch\":" + batch + ",\"n\":" + i + "}"));
                    }
                    producer.flush(); // batches of 500 at the pace the broker takes them
                }
            }
        }
        console.screenshot("overview");

        // the topics of the tests before, for the docs' picture of the list
        console.open("#/topics").row("topic-row", "data-topic", "clicks");
        console.screenshot("topics");
    }

}
