package io.tributary.it.produce;

import static io.tributary.it.support.Consuming.offsets;
import static io.tributary.it.support.Consuming.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.tributary.it.support.Consuming;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Round trips through the official producer and consumer; headers, seeking and limits are in sibling classes. */
class ProduceConsumeIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @ParameterizedTest(name = "acks={0}")
    @ValueSource(strings = {"0", "1", "all"})
    void producesWithEachAcksSettingAndConsumesInOrder(String acks) throws Exception {
        // given
        String topic = TopicNames.unique("acks");
        broker.createTopic(topic, 1);
        var producer = broker.clients().producer(Map.of(
                ProducerConfig.ACKS_CONFIG, acks,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, acks.equals("all")));

        // when
        List<RecordMetadata> acked = Producing.sendAll(producer, Producing.numbered(topic, 0, "v", 20));

        // then
        if (acks.equals("0")) {
            assertThat(acked).allSatisfy(metadata -> assertThat(metadata.hasOffset()).isFalse());
        } else {
            assertThat(acked).extracting(RecordMetadata::offset)
                    .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> (long) i).collect(Collectors.toList()));
        }
        var records = Consuming.readFromBeginning(broker.clients().consumer(), Consuming.partitions(topic, 1), 20);
        assertThat(values(records)).containsExactlyElementsOf(Producing.numberedValues("v", 0, 20));
        assertThat(offsets(records)).containsExactlyElementsOf(
                IntStream.range(0, 20).mapToObj(i -> (long) i).collect(Collectors.toList()));
    }

    @Test
    void acksAllOnATopicWithFewerReplicasThanMinInsyncReplicasNeedsAllOfThem() throws Exception {
        // given one replica and min.insync.replicas=2: Kafka's effective minimum is min(min ISR, replicas) = 1
        String topic = TopicNames.unique("min-isr-above-rf");
        broker.createTopic(topic, 1, Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"));
        var producer = broker.clients().producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"));

        // when
        List<RecordMetadata> acked = Producing.sendAll(producer, Producing.numbered(topic, 0, "v", 3));

        // then
        assertThat(acked).extracting(RecordMetadata::offset).containsExactly(0L, 1L, 2L);
    }

    @Test
    void idempotentProducerByDefaultWritesEachRecordExactlyOnce() throws Exception {
        // given
        String topic = TopicNames.unique("idempotent");
        broker.createTopic(topic, 1);
        var producer = broker.clients().producer(Map.of(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5));

        // when
        List<RecordMetadata> acked = Producing.sendAll(producer, Producing.numbered(topic, 0, "once", 200));

        // then
        assertThat(acked).extracting(RecordMetadata::offset).doesNotHaveDuplicates()
                .containsExactlyElementsOf(IntStream.range(0, 200).mapToObj(i -> (long) i).collect(Collectors.toList()));
        var records = Consuming.readFromBeginning(broker.clients().consumer(), Consuming.partitions(topic, 1), 200);
        assertThat(values(records)).containsExactlyElementsOf(Producing.numberedValues("once", 0, 200));
    }

    @Test
    void spreadsAcrossManyPartitions() throws Exception {
        // given
        String topic = TopicNames.unique("many-partitions");
        int partitionCount = 16;
        broker.createTopic(topic, partitionCount);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (int p = 0; p < partitionCount; p++) {
                records.add(new ProducerRecord<>(topic, p, null, p + ":" + i));
            }
        }

        // when
        Producing.sendAll(broker.clients().producer(), records);

        // then
        var consumed = Consuming.readFromBeginning(broker.clients().consumer(),
                Consuming.partitions(topic, partitionCount), records.size());
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = consumed.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::partition));
        assertThat(byPartition).hasSize(partitionCount);
        byPartition.forEach((partition, partitionRecords) -> {
            assertThat(offsets(partitionRecords)).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(values(partitionRecords))
                    .containsExactly(partition + ":0", partition + ":1", partition + ":2", partition + ":3", partition + ":4");
        });
    }

    @Test
    void keepsRecordsWithTheSameKeyInOnePartitionInOrder() throws Exception {
        // given
        String topic = TopicNames.unique("keyed");
        int partitionCount = 6;
        broker.createTopic(topic, partitionCount);
        List<String> keys = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf");
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (String key : keys) {
                records.add(new ProducerRecord<>(topic, key, key + "-" + i));
            }
        }

        // when
        Producing.sendAll(broker.clients().producer(), records);

        // then
        var consumed = Consuming.readFromBeginning(broker.clients().consumer(),
                Consuming.partitions(topic, partitionCount), records.size());
        Map<String, List<ConsumerRecord<String, String>>> byKey = consumed.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key));
        assertThat(byKey).containsOnlyKeys(keys);
        byKey.forEach((key, keyRecords) -> {
            int expectedPartition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitionCount;
            assertThat(keyRecords).extracting(ConsumerRecord::partition).containsOnly(expectedPartition);
            assertThat(values(keyRecords)).containsExactlyElementsOf(Producing.numberedValues(key, 0, 10));
        });
    }

    @ParameterizedTest(name = "compression={0}")
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void roundTripsEveryCompressionType(String compression) throws Exception {
        // given
        String topic = TopicNames.unique("compressed-" + compression);
        broker.createTopic(topic, 1);
        var producer = broker.clients().producer(Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG, compression,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024));
        String padding = "compressible ".repeat(20);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            records.add(new ProducerRecord<>(topic, 0, "key-" + i, i + padding));
        }

        // when
        Producing.sendAll(producer, records);

        // then
        var consumed = Consuming.readFromBeginning(broker.clients().consumer(), Consuming.partitions(topic, 1), 300);
        assertThat(consumed).extracting(ConsumerRecord::key)
                .containsExactlyElementsOf(records.stream().map(ProducerRecord::key).collect(Collectors.toList()));
        assertThat(values(consumed))
                .containsExactlyElementsOf(records.stream().map(ProducerRecord::value).collect(Collectors.toList()));
        assertThat(offsets(consumed)).isSorted().doesNotHaveDuplicates().hasSize(300);
        assertThat(consumed.get(299).offset()).isEqualTo(299);
    }

    @Test
    void readsBackFromAHighWatermarkReachedByManyBatches() throws Exception {
        // given
        String topic = TopicNames.unique("many-batches");
        broker.createTopic(topic, 1);
        var producer = broker.clients().producer();

        // when
        for (int i = 0; i < 30; i++) {
            Producing.sendOne(producer, new ProducerRecord<>(topic, 0, null, "single-" + i));
        }

        // then
        var consumed = Consuming.readFromBeginning(broker.clients().consumer(), Consuming.partitions(topic, 1), 30);
        assertThat(values(consumed)).containsExactlyElementsOf(Producing.numberedValues("single", 0, 30));
        assertThat(broker.clients().consumer().endOffsets(List.of(new TopicPartition(topic, 0))))
                .containsEntry(new TopicPartition(topic, 0), 30L);
    }
}
