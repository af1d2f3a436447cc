package io.tributary.it.transactions;

import static io.tributary.it.support.TransactionalReads.assertFailedWithOneOf;
import static io.tributary.it.support.TransactionalReads.committedValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Futures;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import io.tributary.it.transactions.RawTransactionProtocol.ProducerIdAndEpoch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input to the transaction APIs gets Kafka's error codes, and a producer can recover from an abortable error. */
@Tag("transactions")
class TransactionErrorsIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void sendToAMissingTopicFailsTheTransactionWhichCanBeAbortedAndRetried() throws Exception {
        // given
        String existing = TopicNames.unique("txn-exists");
        broker.createTopic(existing, 1);
        KafkaProducer<String, String> producer = broker.clients().transactionalProducer(
                TopicNames.unique("txn-missing-id"), Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000));
        producer.initTransactions();
        producer.beginTransaction();

        // when
        Throwable sendFailure = Futures.failureOf(producer.send(new ProducerRecord<>(TopicNames.unique("txn-missing"), "lost")));
        Throwable commitFailure = catchThrowable(producer::commitTransaction);
        producer.abortTransaction();
        producer.beginTransaction();
        Producing.sendAll(producer, Producing.numbered(existing, 0, "retried", 2));
        producer.commitTransaction();

        // then
        assertFailedWithOneOf(sendFailure, TimeoutException.class, UnknownTopicOrPartitionException.class);
        assertThat(commitFailure).isInstanceOf(KafkaException.class);
        assertThat(committedValues(broker.clients(), existing, 1)).containsExactly("retried-0", "retried-1");
    }

    @Test
    void addPartitionsForAMissingTopicIsUnknownTopicAndTheRestIsNotAttempted() throws Exception {
        // given
        String existing = TopicNames.unique("txn-raw-exists");
        broker.createTopic(existing, 1);
        String transactionalId = TopicNames.unique("txn-raw-missing");
        TopicPartition missing = new TopicPartition(TopicNames.unique("txn-raw-missing-topic"), 0);
        TopicPartition present = new TopicPartition(existing, 0);

        try (RawTransactionProtocol raw = RawTransactionProtocol.open(broker.port())) {
            ProducerIdAndEpoch producer = raw.initProducerId(transactionalId);

            // when
            Map<TopicPartition, Errors> errors = raw.addPartitions(transactionalId, producer, List.of(missing, present));

            // then
            assertThat(errors).containsExactlyInAnyOrderEntriesOf(Map.of(
                    missing, Errors.UNKNOWN_TOPIC_OR_PARTITION,
                    present, Errors.OPERATION_NOT_ATTEMPTED));
        }
    }

    @Test
    void staleEpochIsFencedByAddPartitionsAndEndTxn() throws Exception {
        // given a transactional id initialized twice: the first epoch is stale
        String topic = TopicNames.unique("txn-raw-epoch");
        broker.createTopic(topic, 1);
        String transactionalId = TopicNames.unique("txn-raw-epoch-id");
        try (RawTransactionProtocol raw = RawTransactionProtocol.open(broker.port())) {
            ProducerIdAndEpoch stale = raw.initProducerId(transactionalId);
            ProducerIdAndEpoch current = raw.initProducerId(transactionalId);

            // when
            Map<TopicPartition, Errors> staleAdd = raw.addPartitions(transactionalId, stale,
                    List.of(new TopicPartition(topic, 0)));
            Errors staleEnd = raw.endTransaction(transactionalId, stale, true);

            // then
            assertThat(current.producerId()).isEqualTo(stale.producerId());
            assertThat(current.epoch()).isEqualTo((short) (stale.epoch() + 1));
            assertThat(staleAdd).containsExactlyEntriesOf(Map.of(new TopicPartition(topic, 0), Errors.PRODUCER_FENCED));
            assertThat(staleEnd).isEqualTo(Errors.PRODUCER_FENCED);
        }
    }

    /**
     * KIP-588: PRODUCER_FENCED (90) is new in InitProducerId v4 and AddPartitionsToTxn, AddOffsetsToTxn and EndTxn
     * v2; clients of older versions (KafkaJS 2.x among them) are told INVALID_PRODUCER_EPOCH (47), as Kafka does.
     */
    @ParameterizedTest(name = "v{0}")
    @ValueSource(shorts = {0, 1, 2, 3})
    void fencingIsToldInTheRequestVersionsTerms(short version) throws Exception {
        // given a transactional id initialized three times: the first epoch is stale, and not the one just before
        // the current (a producer resuming with that one is retrying a lost InitProducerId answer, not fenced)
        String topic = TopicNames.unique("txn-kip588");
        broker.createTopic(topic, 1);
        String transactionalId = TopicNames.unique("txn-kip588-id");
        try (RawTransactionProtocol raw = RawTransactionProtocol.open(broker.port())) {
            ProducerIdAndEpoch stale = raw.initProducerId(transactionalId);
            raw.initProducerId(transactionalId);
            raw.initProducerId(transactionalId);
            Errors fenced = version >= 2 ? Errors.PRODUCER_FENCED : Errors.INVALID_PRODUCER_EPOCH;

            // when
            Map<TopicPartition, Errors> add = raw.addPartitions(version, transactionalId, stale,
                    List.of(new TopicPartition(topic, 0)));
            Errors addOffsets = raw.addOffsets(version, transactionalId, stale, "kip588-group");
            Errors end = raw.endTransaction(version, transactionalId, stale, false);
            Errors resumeV3 = raw.resumeProducerId((short) 3, transactionalId, stale);
            Errors resumeV4 = raw.resumeProducerId((short) 4, transactionalId, stale);

            // then
            assertThat(add).containsExactlyEntriesOf(Map.of(new TopicPartition(topic, 0), fenced));
            assertThat(addOffsets).isEqualTo(fenced);
            assertThat(end).isEqualTo(fenced);
            assertThat(resumeV3).isEqualTo(Errors.INVALID_PRODUCER_EPOCH);
            assertThat(resumeV4).isEqualTo(Errors.PRODUCER_FENCED);
        }
    }

    @Test
    void unknownTransactionalIdHasNoProducerIdMapping() throws Exception {
        // given
        String topic = TopicNames.unique("txn-raw-unknown");
        broker.createTopic(topic, 1);
        String neverInitialized = TopicNames.unique("txn-raw-unknown-id");
        try (RawTransactionProtocol raw = RawTransactionProtocol.open(broker.port())) {
            raw.awaitCoordinator(neverInitialized);
            ProducerIdAndEpoch madeUp = new ProducerIdAndEpoch(4242L, (short) 0);

            // when
            Map<TopicPartition, Errors> add = raw.addPartitions(neverInitialized, madeUp,
                    List.of(new TopicPartition(topic, 0)));
            Errors end = raw.endTransaction(neverInitialized, madeUp, false);

            // then
            assertThat(add).containsExactlyEntriesOf(Map.of(new TopicPartition(topic, 0),
                    Errors.INVALID_PRODUCER_ID_MAPPING));
            assertThat(end).isEqualTo(Errors.INVALID_PRODUCER_ID_MAPPING);
        }
    }
}
