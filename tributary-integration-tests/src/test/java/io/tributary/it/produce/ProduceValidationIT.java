package io.tributary.it.produce;

import static io.tributary.it.support.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.Consuming;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.RawKafkaConnection;
import io.tributary.it.support.TopicNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData.BatchIndexAndErrorMessage;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Produced batches are validated record by record: a damaged batch is refused with CORRUPT_MESSAGE and the
 * connection stays usable; a record that breaks a rule is named in the response's record_errors (KIP-467).
 */
class ProduceValidationIT {

    private static final short PRODUCE_V9 = 9;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void theJavaProducerFailsOnlyTheKeylessRecordWithInvalidRecord() throws Exception {
        // given: a compacted topic, and a producer that puts the three records into one batch
        String topic = TopicNames.unique("compacted-keys");
        broker.createTopic(topic, 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        KafkaProducer<String, String> producer = broker.clients().producer(Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 5_000, ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000));

        // when
        Future<RecordMetadata> first = producer.send(new ProducerRecord<>(topic, 0, "k0", "v0"));
        Future<RecordMetadata> keyless = producer.send(new ProducerRecord<>(topic, 0, null, "v1"));
        Future<RecordMetadata> third = producer.send(new ProducerRecord<>(topic, 0, "k2", "v2"));
        producer.flush();

        // then: the keyless record fails with the broker's message; Apache Kafka's 4.3 producer fails the other
        // records of the batch with a generic KafkaException (it does not resend them), so nothing is stored
        assertThat(failureOf(keyless)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("Compacted topic cannot accept message without key in topic partition "
                        + topic + "-0");
        for (Future<RecordMetadata> other : List.of(first, third)) {
            assertThat(failureOf(other)).isExactlyInstanceOf(KafkaException.class)
                    .hasMessageContaining("part of a batch which had one more more invalid records");
        }
        // and the producer goes on: the keyed records sent again are written
        Producing.sendAll(producer, List.of(new ProducerRecord<>(topic, 0, "k0", "v0"),
                new ProducerRecord<>(topic, 0, "k2", "v2")));
        var consumed = Consuming.readFromBeginning(broker.clients().consumer(), Consuming.partitions(topic, 1), 2);
        assertThat(consumed).extracting(r -> r.key() + "=" + r.value()).containsExactly("k0=v0", "k2=v2");
        assertThat(consumed.get(0).offset()).isZero();
    }

    @Test
    void aRawProduceGetsRecordErrorsAndTheErrorMessage() throws Exception {
        // given
        String topic = TopicNames.unique("compacted-raw");
        broker.createTopic(topic, 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        MemoryRecords mixed = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(System.currentTimeMillis(), "k0".getBytes(), "v0".getBytes()),
                new SimpleRecord(System.currentTimeMillis(), null, "v1".getBytes()));

        try (RawKafkaConnection connection = open()) {
            // when
            PartitionProduceResponse response = produce(connection, topic, mixed, 1);

            // then
            assertThat(response.errorCode()).isEqualTo(Errors.INVALID_RECORD.code());
            assertThat(response.errorMessage()).contains("One or more records have been rejected");
            assertThat(response.recordErrors()).extracting(BatchIndexAndErrorMessage::batchIndex).containsExactly(1);
            assertThat(response.recordErrors().get(0).batchIndexErrorMessage())
                    .startsWith("Compacted topic cannot accept message without key");
        }
    }

    @Test
    void aDamagedBatchGetsCorruptMessageAndTheConnectionStaysUsable() throws Exception {
        // given: lz4 data labelled with a codec id that does not exist, under a recomputed CRC
        String topic = TopicNames.unique("damaged");
        broker.createTopic(topic, 1);
        MemoryRecords damaged = MemoryRecords.withRecords(Compression.of(CompressionType.LZ4).build(),
                new SimpleRecord(System.currentTimeMillis(), "k".getBytes(), "damaged".getBytes()));
        ByteBuffer buffer = damaged.buffer();
        buffer.put(22, (byte) ((buffer.get(22) & ~0x07) | 6));
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(21));
        buffer.putInt(17, (int) crc.getValue());

        try (RawKafkaConnection connection = open()) {
            // when
            PartitionProduceResponse refused = produce(connection, topic, damaged, 1);
            PartitionProduceResponse good = produce(connection, topic, MemoryRecords.withRecords(Compression.NONE,
                    new SimpleRecord(System.currentTimeMillis(), "k".getBytes(), "good".getBytes())), 2);

            // then
            assertThat(refused.errorCode()).isEqualTo(Errors.CORRUPT_MESSAGE.code());
            assertThat(good.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(good.baseOffset()).isZero();
        }
        var consumed = Consuming.readFromBeginning(broker.clients().consumer(), Consuming.partitions(topic, 1), 1);
        assertThat(consumed.get(0).value()).isEqualTo("good");
    }

    private static RawKafkaConnection open() throws Exception {
        return RawKafkaConnection.open("localhost", broker.port());
    }

    private static PartitionProduceResponse produce(RawKafkaConnection connection, String topic,
                                                    MemoryRecords records, int correlationId) throws Exception {
        ProduceRequestData data = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(10_000);
        data.topicData().add(new ProduceRequestData.TopicProduceData().setName(topic)
                .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(0)
                        .setRecords(records))));
        ProduceRequest request = new ProduceRequest.Builder(PRODUCE_V9, PRODUCE_V9, data).build(PRODUCE_V9);
        ProduceResponse response = connection.roundTrip(request,
                RawKafkaConnection.header(ApiKeys.PRODUCE, PRODUCE_V9, correlationId));
        return response.data().responses().iterator().next().partitionResponses().get(0);
    }

    @SuppressWarnings("unused")
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
