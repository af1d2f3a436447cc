package io.tributary.it.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Share groups (KIP-932) end to end with Kafka's KafkaShareConsumer against one broker. */
public class ShareGroupIT {

    private static final int LOCK_MS = 2000;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder()
            .config("group.share.record.lock.duration.ms", LOCK_MS)
            .config("group.share.min.record.lock.duration.ms", 1000)
            .config("group.share.heartbeat.interval.ms", 500)
            .config("group.share.min.heartbeat.interval.ms", 500)
            .build();

    private final ShareConsumers consumers = new ShareConsumers(broker.bootstrapServers());

    @AfterEach
    void closeConsumers() {
        consumers.close();
    }

    @Test
    void fiveConsumersOnThreePartitionsTogetherReceiveEveryRecordOnce() throws Exception {
        // given
        String topic = TopicNames.unique("share-five");
        broker.createTopic(topic, 3);
        String group = "five-" + topic;
        ShareConsumers.startAtEarliest(broker.clients().admin(), group);
        List<String> sent = produce(topic, "r", 300);

        // when five implicitly acknowledging consumers poll together
        Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        Map<Integer, Set<String>> byConsumer = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            for (int i = 0; i < 5; i++) {
                int index = i;
                KafkaShareConsumer<String, String> consumer = consumers.create(group, topic, false);
                pool.submit(() -> {
                    while (!stop.get()) {
                        for (ConsumerRecord<String, String> record : ShareConsumers.poll(consumer, 200)) {
                            deliveries.merge(record.value(), 1, Integer::sum);
                            byConsumer.computeIfAbsent(index, k -> ConcurrentHashMap.newKeySet()).add(record.value());
                        }
                    }
                    consumer.commitSync();
                    return null;
                });
            }

            // then every record arrives, each exactly once
            await().atMost(Duration.ofSeconds(40)).until(() -> deliveries.size() == sent.size());
        } finally {
            stop.set(true);
            pool.shutdown();
            pool.awaitTermination(20, TimeUnit.SECONDS);
        }
        assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(deliveries.values()).allMatch(count -> count == 1);
    }

    @Test
    void releasedRecordsAreRedeliveredAndRejectedOnesAreNot() throws Exception {
        // given
        String topic = TopicNames.unique("share-ack");
        broker.createTopic(topic, 1);
        String group = "ack-" + topic;
        ShareConsumers.startAtEarliest(broker.clients().admin(), group);
        List<String> sent = produce(topic, "a", 10);
        KafkaShareConsumer<String, String> consumer = consumers.create(group, topic, true);

        // when the first delivery releases even records and rejects odd ones
        List<ConsumerRecord<String, String>> first = pollUntil(consumer, 10);
        for (ConsumerRecord<String, String> record : first) {
            assertThat(record.deliveryCount()).hasValue((short) 1);
            int n = Integer.parseInt(record.value().substring(2));
            consumer.acknowledge(record, n % 2 == 0 ? AcknowledgeType.RELEASE : AcknowledgeType.REJECT);
        }
        consumer.commitSync();

        // then only the released ones come back, as second deliveries, and accepting them ends it
        List<ConsumerRecord<String, String>> second = pollUntil(consumer, 5);
        assertThat(second).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("a-0", "a-2", "a-4", "a-6", "a-8");
        assertThat(second).allMatch(r -> r.deliveryCount().orElseThrow() == 2);
        second.forEach(r -> consumer.acknowledge(r, AcknowledgeType.ACCEPT));
        consumer.commitSync();
        assertThat(ShareConsumers.poll(consumer, 1500)).isEmpty();
        assertThat(sent).hasSize(10);
    }

    @Test
    void aRecordDeliveredDeliveryCountLimitTimesIsArchived() throws Exception {
        // given one record, released at every delivery
        String topic = TopicNames.unique("share-limit");
        broker.createTopic(topic, 1);
        String group = "limit-" + topic;
        ShareConsumers.startAtEarliest(broker.clients().admin(), group);
        produce(topic, "p", 1);
        KafkaShareConsumer<String, String> consumer = consumers.create(group, topic, true);

        // when
        List<Short> deliveryCounts = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (deliveryCounts.size() < 6 && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, String> record : ShareConsumers.poll(consumer, 500)) {
                deliveryCounts.add(record.deliveryCount().orElseThrow());
                consumer.acknowledge(record, AcknowledgeType.RELEASE);
            }
            consumer.commitSync();
            if (deliveryCounts.size() == 5) {
                // then after the fifth (group.share.delivery.count.limit) it is archived: nothing more comes
                assertThat(ShareConsumers.poll(consumer, 2000)).isEmpty();
                break;
            }
        }
        assertThat(deliveryCounts).containsExactly((short) 1, (short) 2, (short) 3, (short) 4, (short) 5);
    }

    @Test
    void recordsHeldByAConsumerThatStoppedAreRedeliveredAfterTheLockDuration() throws Exception {
        // given a consumer that acquired records and then went silent without acknowledging or closing
        String topic = TopicNames.unique("share-lock");
        broker.createTopic(topic, 1);
        String group = "lock-" + topic;
        ShareConsumers.startAtEarliest(broker.clients().admin(), group);
        List<String> sent = produce(topic, "l", 5);
        KafkaShareConsumer<String, String> stalled = consumers.create(group, topic, true);
        long beforeAcquisition = System.currentTimeMillis();
        assertThat(pollUntil(stalled, 5)).extracting(ConsumerRecord::value).containsExactlyElementsOf(sent);

        // when another member polls
        KafkaShareConsumer<String, String> other = consumers.create(group, topic, false);
        List<ConsumerRecord<String, String>> redelivered = pollUntil(other, 5);

        // then it gets them once their lock expired, as second deliveries
        assertThat(System.currentTimeMillis() - beforeAcquisition).isGreaterThanOrEqualTo(LOCK_MS);
        assertThat(redelivered).extracting(ConsumerRecord::value).containsExactlyElementsOf(sent);
        assertThat(redelivered).allMatch(r -> r.deliveryCount().orElseThrow() == 2);
    }

    @Test
    void aShareGroupAndAConsumerGroupReadTheSameTopicIndependently() throws Exception {
        // given
        String topic = TopicNames.unique("share-both");
        broker.createTopic(topic, 2);
        String group = "both-" + topic;
        ShareConsumers.startAtEarliest(broker.clients().admin(), group);
        List<String> sent = produce(topic, "b", 20);

        // when both kinds of group read it
        KafkaShareConsumer<String, String> share = consumers.create(group, topic, false);
        List<String> sharedValues = pollUntil(share, 20).stream().map(ConsumerRecord::value).toList();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "classic-" + topic);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> consumedValues = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> consumedValues.add(r.value()));
                return consumedValues.size() >= sent.size();
            });
        }

        // then each saw everything
        assertThat(sharedValues).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(consumedValues).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void readCommittedShareGroupsNeverDeliverAbortedRecords() throws Exception {
        // given committed, aborted and committed transactions
        String topic = TopicNames.unique("share-txn");
        broker.createTopic(topic, 1);
        String group = "txn-" + topic;
        ShareConsumers.startAtEarliest(broker.clients().admin(), group);
        ShareConsumers.setGroupConfig(broker.clients().admin(), group, "share.isolation.level", "read_committed");
        KafkaProducer<String, String> producer = broker.clients().transactionalProducer("share-txn-" + topic);
        producer.initTransactions();
        List<String> committed = new ArrayList<>();
        for (String prefix : List.of("c1", "x", "c2")) {
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, prefix + "-" + i));
            }
            if (prefix.equals("x")) {
                producer.abortTransaction();
            } else {
                producer.commitTransaction();
                committed.addAll(Producing.numberedValues(prefix, 0, 3));
            }
        }

        // when
        KafkaShareConsumer<String, String> consumer = consumers.create(group, topic, false);
        List<ConsumerRecord<String, String>> received = pollUntil(consumer, 6);
        received.addAll(ShareConsumers.poll(consumer, 1000));

        // then only committed records, once each
        assertThat(received).extracting(ConsumerRecord::value).containsExactlyElementsOf(committed);
    }

    private List<String> produce(String topic, String prefix, int count) throws Exception {
        KafkaProducer<String, String> producer = broker.clients().producer();
        List<String> values = Producing.numberedValues(prefix, 0, count);
        List<org.apache.kafka.clients.producer.ProducerRecord<String, String>> records = new ArrayList<>();
        values.forEach(v -> records.add(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, v, v)));
        Producing.sendAll(producer, records);
        return values;
    }

    public static List<ConsumerRecord<String, String>> pollUntil(KafkaShareConsumer<String, String> consumer, int count) {
        ConcurrentLinkedQueue<ConsumerRecord<String, String>> received = new ConcurrentLinkedQueue<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            received.addAll(ShareConsumers.poll(consumer, 200));
            return received.size() >= count;
        });
        return new ArrayList<>(received);
    }
}
