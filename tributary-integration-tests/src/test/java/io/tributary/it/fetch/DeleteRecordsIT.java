package io.tributary.it.fetch;

import static io.tributary.it.support.Consuming.values;
import static io.tributary.it.support.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.Consuming;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Admin.deleteRecords moves the log start offset; reads below it are out of range. */
class DeleteRecordsIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void deleteRecordsMovesTheLogStartOffset() throws Exception {
        // given
        TopicPartition partition = topicWithRecords("deleted", 10);

        // when
        long lowWatermark = broker.clients().admin()
                .deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(4)))
                .lowWatermarks().get(partition).get(15, TimeUnit.SECONDS).lowWatermark();

        // then
        assertThat(lowWatermark).isEqualTo(4);
        var consumer = broker.clients().consumer();
        assertThat(consumer.beginningOffsets(List.of(partition))).containsEntry(partition, 4L);
        assertThat(consumer.endOffsets(List.of(partition))).containsEntry(partition, 10L);
        assertThat(broker.clients().admin().listOffsets(Map.of(partition, OffsetSpec.earliest()))
                .partitionResult(partition).get(15, TimeUnit.SECONDS).offset()).isEqualTo(4);
        var remaining = Consuming.readFromBeginning(consumer, List.of(partition), 6);
        assertThat(values(remaining)).containsExactlyElementsOf(Producing.numberedValues("d", 4, 10));
    }

    @Test
    void readingBelowTheLogStartOffsetIsOutOfRange() throws Exception {
        // given
        TopicPartition partition = topicWithRecords("below-start", 6);
        broker.clients().admin().deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(3)))
                .all().get(15, TimeUnit.SECONDS);
        var consumer = broker.clients().consumer(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"));
        consumer.assign(List.of(partition));

        // when
        consumer.seek(partition, 1);
        Throwable failure = catchThrowable(() -> {
            for (int attempt = 0; attempt < 50; attempt++) {
                consumer.poll(Duration.ofMillis(200));
            }
        });

        // then
        assertThat(failure).isInstanceOf(org.apache.kafka.clients.consumer.OffsetOutOfRangeException.class);
    }

    @Test
    void deletingBeyondTheHighWatermarkFails() throws Exception {
        // given
        TopicPartition partition = topicWithRecords("beyond-hw", 3);

        // when
        Throwable failure = failureOf(broker.clients().admin()
                .deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(100))).all());

        // then
        assertThat(failure).isInstanceOf(OffsetOutOfRangeException.class);
    }

    private static TopicPartition topicWithRecords(String purpose, int count) throws Exception {
        String topic = TopicNames.unique(purpose);
        broker.createTopic(topic, 1);
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "d", count));
        return new TopicPartition(topic, 0);
    }
}
