package io.tributary.it.fetch;

import static io.tributary.it.support.Consuming.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.tributary.it.support.Consuming;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the broker answers Fetch: long polling, size limits and out-of-range positions. */
class FetchBehaviourIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void longPollReturnsPromptlyWhenARecordArrives() throws Exception {
        // given a consumer parked in a fetch that the broker may hold for up to 8 s
        String topic = TopicNames.unique("long-poll");
        broker.createTopic(topic, 1);
        TopicPartition partition = new TopicPartition(topic, 0);
        var consumer = broker.clients().consumer(Map.of(
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 8_000,
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000));
        CompletableFuture<Long> receivedAtNanos = CompletableFuture.supplyAsync(() -> pollUntilFirstRecord(consumer, partition));
        Thread.sleep(1_500);

        // when
        long sentAtNanos = System.nanoTime();
        Producing.sendOne(broker.clients().producer(), new ProducerRecord<>(topic, 0, null, "wake up"));

        // then
        long latencyMillis = TimeUnit.NANOSECONDS.toMillis(receivedAtNanos.get(20, TimeUnit.SECONDS) - sentAtNanos);
        assertThat(latencyMillis).as("ms from produce to the waiting poll returning").isLessThan(3_000);
    }

    @Test
    void fetchWaitsUpToMaxWaitWhenMinBytesIsNotReached() throws Exception {
        // given
        String topic = TopicNames.unique("min-bytes");
        broker.createTopic(topic, 1);
        Producing.sendOne(broker.clients().producer(), new ProducerRecord<>(topic, 0, null, "tiny"));
        TopicPartition partition = new TopicPartition(topic, 0);
        var consumer = broker.clients().consumer(Map.of(
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1_000_000,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1_500));
        consumer.assign(List.of(partition));
        consumer.seek(partition, 0);

        // when
        long start = System.nanoTime();
        var records = Consuming.pollExactly(consumer, 1, Duration.ofSeconds(15));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // then
        assertThat(values(records)).containsExactly("tiny");
        assertThat(elapsedMillis).as("ms until the under-filled fetch was answered").isBetween(1_000L, 10_000L);
    }

    @Test
    void smallPartitionFetchLimitStillMakesProgress() throws Exception {
        // given records in batches far larger than the consumer's per-partition limit
        String topic = TopicNames.unique("small-fetch");
        broker.createTopic(topic, 1);
        var producer = broker.clients().producer(Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 50,
                ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024));
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(new ProducerRecord<>(topic, 0, null, i + ":" + "z".repeat(1_000)));
        }
        Producing.sendAll(producer, records);
        var consumer = broker.clients().consumer(Map.of(
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 512,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 512));

        // when
        var consumed = Consuming.readFromBeginning(consumer, List.of(new TopicPartition(topic, 0)), 40);

        // then
        assertThat(consumed).extracting(ConsumerRecord::offset)
                .containsExactlyElementsOf(LongStream.range(0, 40).boxed().toList());
        assertThat(values(consumed))
                .containsExactlyElementsOf(records.stream().map(ProducerRecord::value).toList());
    }

    @Test
    void aPartitionWhoseFirstBatchNoLongerFitsTheResponseWaitsForTheNextFetch() throws Exception {
        // given two partitions of one 40 KB batch each, and responses of at most 60 KiB: once the first
        // partition's batch is in, the second one's does not fit
        String topic = TopicNames.unique("response-limit");
        broker.createTopic(topic, 2);
        var producer = broker.clients().producer(Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 200,
                ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024));
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < 40; i++) {
                records.add(new ProducerRecord<>(topic, p, null, p + ":" + i + ":" + "z".repeat(1_000)));
            }
        }
        Producing.sendAll(producer, records);
        var consumer = broker.clients().consumer(Map.of(
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 60 * 1024,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024));

        // when: as Kafka, the second partition gets no records rather than part of its batch (with part of it
        // the poll failed: "Failed to make progress reading messages ... no complete records were found")
        var consumed = Consuming.readFromBeginning(consumer,
                List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1)), 80);

        // then
        assertThat(values(consumed))
                .containsExactlyInAnyOrderElementsOf(records.stream().map(ProducerRecord::value).toList());
    }

    @Test
    void outOfRangeOffsetFailsWhenResetIsNone() throws Exception {
        // given
        String topic = TopicNames.unique("out-of-range");
        broker.createTopic(topic, 1);
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "o", 5));
        TopicPartition partition = new TopicPartition(topic, 0);
        var consumer = broker.clients().consumer(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"));
        consumer.assign(List.of(partition));

        // when
        consumer.seek(partition, 50);
        Throwable failure = catchThrowable(() -> pollUntilFailure(consumer));

        // then
        assertThat(failure).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(((OffsetOutOfRangeException) failure).offsetOutOfRangePartitions()).containsEntry(partition, 50L);
    }

    @Test
    void outOfRangeOffsetResetsToEarliestWhenConfigured() throws Exception {
        // given
        String topic = TopicNames.unique("reset-earliest");
        broker.createTopic(topic, 1);
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "e", 3));
        TopicPartition partition = new TopicPartition(topic, 0);
        var consumer = broker.clients().consumer(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        consumer.assign(List.of(partition));

        // when
        consumer.seek(partition, 1_000);
        var records = Consuming.pollExactly(consumer, 3, Consuming.DEFAULT_TIMEOUT);

        // then
        assertThat(values(records)).containsExactly("e-0", "e-1", "e-2");
    }

    private static long pollUntilFirstRecord(KafkaConsumer<String, String> consumer, TopicPartition partition) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!consumer.poll(Duration.ofSeconds(1)).isEmpty()) {
                return System.nanoTime();
            }
        }
        throw new AssertionError("no record arrived within 20 s");
    }

    private static void pollUntilFailure(KafkaConsumer<String, String> consumer) {
        for (int attempt = 0; attempt < 50; attempt++) {
            consumer.poll(Duration.ofMillis(200));
        }
        throw new AssertionError("poll never reported the out-of-range offset");
    }
}
