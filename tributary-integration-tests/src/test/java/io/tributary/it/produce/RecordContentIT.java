package io.tributary.it.produce;

import static io.tributary.it.support.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.tributary.it.support.Consuming;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a record carries survives the broker unchanged, and the broker enforces the topic's size limit. */
class RecordContentIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void roundTripsHeadersKeysNullsAndTimestamps() throws Exception {
        // given
        String topic = TopicNames.unique("content");
        broker.createTopic(topic, 1);
        long timestamp = System.currentTimeMillis() - 60_000;
        List<Header> headers = List.of(
                new RecordHeader("trace", bytes("abc")),
                new RecordHeader("trace", bytes("repeated key keeps order")),
                new RecordHeader("empty", new byte[0]),
                new RecordHeader("absent", (byte[]) null),
                new RecordHeader("ünïcödé", bytes("värde")));
        List<ProducerRecord<String, String>> records = List.of(
                new ProducerRecord<>(topic, 0, timestamp, "with-headers", "payload", headers),
                new ProducerRecord<String, String>(topic, 0, timestamp + 1, "tombstone", null),
                new ProducerRecord<String, String>(topic, 0, timestamp + 2, null, "no key"),
                new ProducerRecord<>(topic, 0, timestamp + 3, "", ""),
                new ProducerRecord<String, String>(topic, 0, timestamp + 4, null, null));

        // when
        Producing.sendAll(broker.clients().producer(), records);

        // then
        var consumed = Consuming.readFromBeginning(broker.clients().consumer(), Consuming.partitions(topic, 1), 5);
        for (int i = 0; i < records.size(); i++) {
            ProducerRecord<String, String> sent = records.get(i);
            ConsumerRecord<String, String> received = consumed.get(i);
            assertThat(received.key()).as("key of record %d", i).isEqualTo(sent.key());
            assertThat(received.value()).as("value of record %d", i).isEqualTo(sent.value());
            assertThat(received.timestamp()).as("timestamp of record %d", i).isEqualTo(sent.timestamp());
            assertThat(received.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        }
        assertThat(consumed.get(0).headers().toArray()).containsExactlyElementsOf(headers);
        assertThat(consumed.get(1).headers().toArray()).isEmpty();
    }

    @Test
    void roundTripsLargeValuesUnderTheLimit() throws Exception {
        // given
        String topic = TopicNames.unique("large-ok");
        broker.createTopic(topic, 1);
        String large = "x".repeat(500_000);

        // when
        Producing.sendOne(broker.clients().producer(), new ProducerRecord<>(topic, 0, "big", large));

        // then
        var consumed = Consuming.readFromBeginning(broker.clients().consumer(), Consuming.partitions(topic, 1), 1);
        assertThat(consumed.get(0).value()).isEqualTo(large);
    }

    @Test
    void rejectsRecordLargerThanTopicMaxMessageBytes() throws Exception {
        // given
        String topic = TopicNames.unique("too-large");
        broker.createTopic(topic, 1, Map.of("max.message.bytes", "2048"));
        var producer = broker.clients().producer();

        // when
        Throwable failure = failureOf(producer.send(new ProducerRecord<>(topic, 0, null, "y".repeat(8_192))));

        // then
        assertThat(failure).isInstanceOf(RecordTooLargeException.class);
        Producing.sendOne(producer, new ProducerRecord<>(topic, 0, null, "small enough"));
        var consumed = Consuming.readFromBeginning(broker.clients().consumer(), Consuming.partitions(topic, 1), 1);
        assertThat(consumed.get(0).value()).isEqualTo("small enough");
        assertThat(consumed.get(0).offset()).isZero();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
