package io.tributary.it.produce;

import static io.tributary.it.support.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Producing to a topic that does not exist, with auto.create.topics.enable off and on. */
class TopicAutoCreationIT {

    private static final int DEFAULT_PARTITIONS = 3;

    @RegisterExtension
    static final EmbeddedBroker strictBroker = EmbeddedBroker.builder().autoCreateTopics(false).build();

    @RegisterExtension
    static final EmbeddedBroker autoCreatingBroker = EmbeddedBroker.builder()
            .autoCreateTopics(true)
            .config("num.partitions", DEFAULT_PARTITIONS)
            .build();

    @Test
    void unknownTopicIsNotCreatedWhenAutoCreationIsOff() throws Exception {
        // given
        String topic = TopicNames.unique("not-auto-created");
        var producer = strictBroker.clients().producer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000));

        // when
        Throwable failure = sendExpectingFailure(producer, new ProducerRecord<>(topic, "k", "v"));

        // then
        assertThat(failure).isInstanceOfAny(TimeoutException.class, UnknownTopicOrPartitionException.class);
        assertThat(strictBroker.clients().admin().listTopics().names().get(15, TimeUnit.SECONDS)).doesNotContain(topic);
    }

    @Test
    void unknownTopicIsCreatedWithDefaultPartitionsWhenAutoCreationIsOn() throws Exception {
        // given
        String topic = TopicNames.unique("auto-created");
        var producer = autoCreatingBroker.clients().producer();

        // when
        RecordMetadata metadata = Producing.sendOne(producer, new ProducerRecord<>(topic, 0, "k", "v"));

        // then
        assertThat(metadata.offset()).isZero();
        TopicDescription description = autoCreatingBroker.clients().admin().describeTopics(List.of(topic))
                .allTopicNames().get(15, TimeUnit.SECONDS).get(topic);
        assertThat(description.partitions()).hasSize(DEFAULT_PARTITIONS);
    }

    /** The producer reports a missing topic either by throwing from send() or by failing the returned future. */
    private static Throwable sendExpectingFailure(Producer<String, String> producer,
                                                  ProducerRecord<String, String> record) {
        try {
            return failureOf(producer.send(record));
        } catch (RuntimeException thrownBySend) {
            return thrownBySend;
        }
    }
}
