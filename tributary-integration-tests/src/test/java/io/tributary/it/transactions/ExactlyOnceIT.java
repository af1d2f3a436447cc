package io.tributary.it.transactions;

import static io.tributary.it.support.TransactionalReads.committedValues;
import static io.tributary.it.support.TransactionalReads.uncommittedValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Groups;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Consume-transform-produce with sendOffsetsToTransaction: output records and the group's input offsets commit
 * atomically, so an aborted batch leaves neither behind and its retry produces each output exactly once.
 */
@Tag("transactions")
class ExactlyOnceIT {

    private static final int PARTITIONS = 2;
    private static final int PER_PARTITION = 10;
    private static final int INPUT_RECORDS = PARTITIONS * PER_PARTITION;
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(40);

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void eachInputIsTransformedExactlyOnceDespiteAnAbortedBatch() throws Exception {
        // given
        String input = newTopic("eos-in");
        String output = newTopic("eos-out");
        String group = Groups.uniqueGroupId("eos");
        List<String> inputValues = Producing.sendValues(broker.clients().producer(),
                Producing.acrossPartitions(input, PARTITIONS, "in", PER_PARTITION));
        KafkaConsumer<String, String> consumer = broker.clients().classicGroupConsumer(group, Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        KafkaProducer<String, String> producer = broker.clients().transactionalProducer(TopicNames.unique("eos-txn"));
        producer.initTransactions();
        consumer.subscribe(List.of(input));

        // when
        Pipeline pipeline = new Pipeline(consumer, producer, output, group);
        pipeline.processUntilCommitted(INPUT_RECORDS);

        // then the aborted batch left no offsets behind ...
        assertThat(pipeline.abortedValues).as("values written by the aborted batch").isNotEmpty();
        assertThat(pipeline.committedOffsetsAfterAbort).isEqualTo(pipeline.committedOffsetsBeforeAbort);
        // ... and no output visible to read_committed, although its records stay in the log
        List<String> expectedOutput = inputValues.stream().map(ExactlyOnceIT::transform).collect(Collectors.toList());
        assertThat(committedValues(broker.clients(), output, PARTITIONS)).containsExactlyInAnyOrderElementsOf(expectedOutput);
        assertThat(uncommittedValues(broker.clients(), output, PARTITIONS))
                .hasSize(INPUT_RECORDS + pipeline.abortedValues.size())
                .containsAll(pipeline.abortedValues);
        // and the group's position is the end of the input
        Map<TopicPartition, Long> expectedPositions = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            expectedPositions.put(new TopicPartition(input, p), (long) PER_PARTITION);
        }
        assertThat(Groups.committedPositions(broker.clients().admin(), group)).isEqualTo(expectedPositions);
    }

    static String transform(String value) {
        return "out:" + value.toUpperCase();
    }

    /** The application under test: each polled batch becomes one transaction; the second batch is aborted once. */
    private static final class Pipeline {
        private final KafkaConsumer<String, String> consumer;
        private final KafkaProducer<String, String> producer;
        private final String output;
        private final String group;
        private final List<String> abortedValues = new ArrayList<>();
        private Map<TopicPartition, Long> committedOffsetsBeforeAbort;
        private Map<TopicPartition, Long> committedOffsetsAfterAbort;
        private int committedBatches;

        Pipeline(KafkaConsumer<String, String> consumer, KafkaProducer<String, String> producer, String output,
                 String group) {
            this.consumer = consumer;
            this.producer = producer;
            this.output = output;
            this.group = group;
        }

        void processUntilCommitted(int expectedRecords) throws Exception {
            int committedRecords = 0;
            long deadline = System.nanoTime() + PROCESSING_TIMEOUT.toNanos();
            while (committedRecords < expectedRecords) {
                if (System.nanoTime() > deadline) {
                    fail("processed only %d of %d records within %s", committedRecords, expectedRecords, PROCESSING_TIMEOUT);
                }
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                List<String> written = transformInTransaction(records);
                if (committedBatches == 1 && abortedValues.isEmpty()) {
                    abortAndRewind(written);
                } else {
                    producer.commitTransaction();
                    committedBatches++;
                    committedRecords += records.count();
                }
            }
        }

        private List<String> transformInTransaction(ConsumerRecords<String, String> records) {
            producer.beginTransaction();
            List<String> written = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            for (ConsumerRecord<String, String> record : records) {
                String value = transform(record.value());
                producer.send(new ProducerRecord<>(output, record.partition(), record.key(), value));
                written.add(value);
                next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            }
            producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
            return written;
        }

        /** An application failure midway: abort, then resume from the last committed offsets. */
        private void abortAndRewind(List<String> written) throws Exception {
            committedOffsetsBeforeAbort = Groups.committedPositions(broker.clients().admin(), group);
            producer.flush();
            producer.abortTransaction();
            abortedValues.addAll(written);
            committedOffsetsAfterAbort = Groups.committedPositions(broker.clients().admin(), group);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
            for (TopicPartition partition : consumer.assignment()) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
        }
    }

    private static String newTopic(String purpose) throws Exception {
        String topic = TopicNames.unique(purpose);
        broker.createTopic(topic, PARTITIONS);
        return topic;
    }
}
