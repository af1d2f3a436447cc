package io.tributary.it.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.tributary.it.support.EmbeddedBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's group pages in headless Chromium: a group's lag shown falling while a KafkaConsumer works through a
 * backlog, classic and KIP-848 groups told apart, and an offset reset previewed with a dry run and then executed.
 */
class ConsoleGroupsBrowserIT {

    private static final String TOPIC = "shipments";
    private static final int PARTITIONS = 2;
    private static final int RECORDS = 2000;

    @RegisterExtension
    @Order(1)
    static final BrowserExtension browser = new BrowserExtension();

    @RegisterExtension
    @Order(2)
    static final EmbeddedBroker broker = EmbeddedBroker.builder()
            .config("group.consumer.heartbeat.interval.ms", 500)
            .config("group.consumer.min.heartbeat.interval.ms", 500)
            .build();

    private final List<PausableConsumer> consumers = new ArrayList<>();

    @AfterEach
    void stopConsumers() {
        consumers.forEach(PausableConsumer::close);
    }

    private Console console() {
        return browser.console(broker.httpPort());
    }

    @Test
    void showsTheLagFallAsAConsumerRunsThenResetsItsOffsetsWithADryRunFirst() throws Exception {
        produceBacklog(TOPIC);
        PausableConsumer consumer = start(broker.clients().consumerProtocolConsumer("shipping-service",
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100)), TOPIC);
        consumer.awaitCommitted(100);

        // the group has a backlog: its page shows a member and a lag
        Console console = console().open("#/groups/shipping-service");
        console.waitUntil(d -> totalLag(console) > 0 && !console.findAll("member-row").isEmpty());
        long lagBefore = totalLag(console);
        assertThat(console.text("group-type")).isEqualTo("consumer");
        assertThat(lagBefore).isLessThanOrEqualTo(RECORDS - 100);
        console.screenshot("group");

        // the consumer works through it; the page, refreshing itself, follows
        consumer.resume();
        console.waitUntil(Duration.ofSeconds(60), d -> totalLag(console) == 0);
        consumer.close();

        // an empty group's offsets go back to the earliest: previewed, nothing changed, then executed
        console.open("#/groups").row("group-row", "data-group", "shipping-service");
        console.open("#/groups/shipping-service");
        console.waitUntil(d -> console.findAll("member-row").isEmpty());
        console.choose("reset-strategy", "earliest").click("reset-preview");
        console.waitUntil(d -> console.findAll("reset-row").size() == PARTITIONS);
        for (WebElement row : console.findAll("reset-row")) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            assertThat(cells.get(2).getText()).isEqualTo("1,000"); // current
            assertThat(cells.get(3).getText()).isEqualTo("0"); // target
        }
        assertThat(committedTotal("shipping-service")).isEqualTo(RECORDS);

        console.click("reset-execute");
        console.awaitText("reset-result", "Reset 2 partitions");
        assertThat(committedTotal("shipping-service")).isZero();
        console.waitUntil(d -> totalLag(console) == RECORDS);
    }

    @Test
    void listsClassicAndConsumerProtocolGroupsWithTheirTypeStateAndLag() throws Exception {
        produceBacklog("invoices");
        PausableConsumer classic = start(broker.clients().classicGroupConsumer("billing-classic",
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 300)), "invoices");
        PausableConsumer modern = start(broker.clients().consumerProtocolConsumer("billing-kip848",
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 300)), "invoices");
        classic.awaitCommitted(300);
        modern.awaitCommitted(300);

        Console console = console().open("#/groups");
        console.row("group-row", "data-group", "billing-classic");
        console.row("group-row", "data-group", "billing-kip848");
        assertThat(console.cellText("group-row", "data-group", "billing-classic", "group-type")).isEqualTo("classic");
        assertThat(console.cellText("group-row", "data-group", "billing-classic", "group-protocol"))
                .startsWith("consumer");
        assertThat(console.cellText("group-row", "data-group", "billing-kip848", "group-type")).isEqualTo("consumer");
        console.waitUntil(d -> "Stable".equals(groupCell(console, "billing-classic", "group-state"))
                && "Stable".equals(groupCell(console, "billing-kip848", "group-state")));
        console.waitUntil(d -> !groupCell(console, "billing-kip848", "group-lag").equals("–"));
        console.screenshot("groups");
    }

    private static String groupCell(Console console, String group, String cell) {
        return console.cellText("group-row", "data-group", group, cell);
    }

    private long totalLag(Console console) {
        String text = console.text("group-total-lag").replace(",", "");
        return text.matches("\\d+") ? Long.parseLong(text) : -1;
    }

    private long committedTotal(String group) throws Exception {
        return broker.clients().admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(15, TimeUnit.SECONDS).values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }

    private void produceBacklog(String topic) throws Exception {
        broker.createTopic(topic, PARTITIONS);
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, "k" + i, "{\"shipment\":" + i + "}"));
            }
            producer.flush();
        }
    }

    private PausableConsumer start(KafkaConsumer<String, String> consumer, String topic) {
        PausableConsumer started = new PausableConsumer(consumer, topic);
        consumers.add(started);
        return started;
    }

    /**
     * A group member on its own thread (a KafkaConsumer is single-threaded): it commits after each poll and, until
     * resumed, pauses its partitions after its first commit, staying in the group with a backlog.
     */
    private static final class PausableConsumer implements AutoCloseable {
        private final AtomicBoolean resumed = new AtomicBoolean();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final AtomicLong committed = new AtomicLong();
        private final CompletableFuture<Void> done;

        PausableConsumer(KafkaConsumer<String, String> consumer, String topic) {
            done = CompletableFuture.runAsync(() -> run(consumer, topic));
        }

        private void run(KafkaConsumer<String, String> consumer, String topic) {
            try (consumer) {
                consumer.subscribe(List.of(topic));
                while (!stopped.get()) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                    if (!records.isEmpty()) {
                        consumer.commitSync();
                        committed.addAndGet(records.count());
                        if (!resumed.get()) {
                            consumer.pause(consumer.assignment());
                        }
                    }
                    if (resumed.get() && !consumer.paused().isEmpty()) {
                        consumer.resume(consumer.paused());
                    }
                }
            }
        }

        void awaitCommitted(long atLeast) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                if (done.isDone()) {
                    done.join(); // a consumer that failed: its exception
                }
                return committed.get() >= atLeast;
            });
        }

        void resume() {
            resumed.set(true);
        }

        @Override
        public void close() {
            stopped.set(true);
            done.orTimeout(30, TimeUnit.SECONDS).join();
        }
    }
}
