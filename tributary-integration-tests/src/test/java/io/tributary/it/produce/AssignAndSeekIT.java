package io.tributary.it.produce;

import static io.tributary.it.support.Consuming.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.tributary.it.support.Consuming;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Consumers without a group: assign() and explicit positioning. */
class AssignAndSeekIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void seekReadsFromTheRequestedOffset() throws Exception {
        // given
        String topic = TopicNames.unique("seek");
        broker.createTopic(topic, 1);
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "s", 10));
        TopicPartition partition = new TopicPartition(topic, 0);
        var consumer = broker.clients().consumer();
        consumer.assign(List.of(partition));

        // when
        consumer.seek(partition, 6);
        var records = Consuming.pollExactly(consumer, 4, Consuming.DEFAULT_TIMEOUT);

        // then
        assertThat(values(records)).containsExactly("s-6", "s-7", "s-8", "s-9");
        assertThat(records.get(0).offset()).isEqualTo(6);
        assertThat(consumer.position(partition)).isEqualTo(10);
    }

    @Test
    void seekToEndSeesOnlyNewRecords() throws Exception {
        // given
        String topic = TopicNames.unique("seek-end");
        broker.createTopic(topic, 1);
        var producer = broker.clients().producer();
        Producing.sendAll(producer, Producing.numbered(topic, 0, "old", 5));
        TopicPartition partition = new TopicPartition(topic, 0);
        var consumer = broker.clients().consumer();
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        assertThat(consumer.position(partition)).isEqualTo(5);
        assertThat(consumer.poll(Duration.ofMillis(300))).isEmpty();

        // when
        Producing.sendOne(producer, new ProducerRecord<>(topic, 0, null, "new"));

        // then
        var records = Consuming.pollExactly(consumer, 1, Consuming.DEFAULT_TIMEOUT);
        assertThat(values(records)).containsExactly("new");
        assertThat(records.get(0).offset()).isEqualTo(5);
    }

    @Test
    void seekBackRereadsTheSameRecords() throws Exception {
        // given
        String topic = TopicNames.unique("seek-back");
        broker.createTopic(topic, 1);
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "r", 6));
        TopicPartition partition = new TopicPartition(topic, 0);
        var consumer = broker.clients().consumer();
        var firstRead = Consuming.readFromBeginning(consumer, List.of(partition), 6);

        // when
        consumer.seek(partition, 2);
        var secondRead = Consuming.pollExactly(consumer, 4, Consuming.DEFAULT_TIMEOUT);

        // then
        assertThat(values(secondRead)).containsExactlyElementsOf(values(firstRead).subList(2, 6));
    }
}
