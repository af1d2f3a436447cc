package io.tributary.it.transactions;

import static io.tributary.it.support.TransactionalReads.committedValues;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import io.tributary.it.transactions.RawTransactionProtocol.ProducerIdAndEpoch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KIP-890: transaction.version 2 is finalized, so a Kafka 4 producer adds no partition itself and gets a new epoch
 * from every commit or abort; a transactional write to a partition outside the transaction is refused (part 1),
 * and so is a write of a transaction that has ended.
 */
@Tag("transactions")
class TransactionVersion2IT {

    private static final long TIMEOUT_SECONDS = 15;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void transactionVersionTwoIsFinalized() throws Exception {
        // when
        FeatureMetadata features = broker.clients().admin().describeFeatures().featureMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        // then
        assertThat(features.finalizedFeatures().get("transaction.version").maxVersionLevel()).isEqualTo((short) 2);
        assertThat(features.supportedFeatures().get("transaction.version").maxVersion()).isEqualTo((short) 2);
        assertThat(features.finalizedFeaturesEpoch()).hasValueSatisfying(epoch -> assertThat(epoch).isNotNegative());
    }

    @Test
    void everyCommitAndAbortBumpsTheEpochAndReadCommittedSeesOnlyCommittedData() throws Exception {
        // given
        String topic = TopicNames.unique("tv2");
        broker.createTopic(topic, 2);
        String transactionalId = TopicNames.unique("tv2-id");
        Admin admin = broker.clients().admin();
        try (KafkaProducer<String, String> producer = broker.clients().transactionalProducer(transactionalId,
                Map.of())) {
            producer.initTransactions();
            int initialEpoch = describe(admin, transactionalId).producerEpoch();

            // when
            producer.beginTransaction();
            Producing.sendAll(producer, Producing.acrossPartitions(topic, 2, "first", 4));
            producer.commitTransaction();
            int afterCommit = describe(admin, transactionalId).producerEpoch();
            producer.beginTransaction();
            Producing.sendAll(producer, Producing.acrossPartitions(topic, 2, "aborted", 4));
            producer.abortTransaction();
            int afterAbort = describe(admin, transactionalId).producerEpoch();
            producer.beginTransaction();
            Producing.sendAll(producer, Producing.numbered(topic, 0, "second", 2));
            producer.commitTransaction();
            TransactionDescription last = describe(admin, transactionalId);

            // then
            assertThat(afterCommit).isEqualTo(initialEpoch + 1);
            assertThat(afterAbort).isEqualTo(initialEpoch + 2);
            assertThat(last.producerEpoch()).isEqualTo(initialEpoch + 3);
            assertThat(last.state().toString()).isEqualTo("CompleteCommit");
            List<ProducerState> onPartition0 = admin.describeProducers(List.of(new TopicPartition(topic, 0)))
                    .partitionResult(new TopicPartition(topic, 0)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .activeProducers();
            // the last marker on the partition carries the epoch the commit bumped to
            assertThat(onPartition0).anySatisfy(state -> {
                assertThat(state.producerId()).isEqualTo(last.producerId());
                assertThat(state.producerEpoch()).isEqualTo(initialEpoch + 3);
            });
            List<String> expected = new java.util.ArrayList<>(Producing.acrossPartitions(topic, 2, "first", 4)
                    .stream().map(ProducerRecord::value).toList());
            expected.addAll(List.of("second-0", "second-1"));
            assertThat(committedValues(broker.clients(), topic, 2)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void offsetsSentWithoutAddOffsetsToTxnAreCommittedWithTheTransaction() throws Exception {
        // given
        String topic = TopicNames.unique("tv2-offsets");
        broker.createTopic(topic, 1);
        String group = TopicNames.unique("tv2-group");
        TopicPartition consumed = new TopicPartition(topic, 0);
        try (KafkaProducer<String, String> producer = broker.clients().transactionalProducer(
                TopicNames.unique("tv2-offsets-id"), Map.of())) {
            producer.initTransactions();

            // when
            producer.beginTransaction();
            Producing.sendOne(producer, new ProducerRecord<>(topic, 0, "k", "v"));
            producer.sendOffsetsToTransaction(Map.of(consumed, new OffsetAndMetadata(42)),
                    new ConsumerGroupMetadata(group));
            producer.commitTransaction();

            // then
            Map<TopicPartition, OffsetAndMetadata> committed = broker.clients().admin()
                    .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(committed.get(consumed).offset()).isEqualTo(42);
        }
    }

    @Test
    void aTransactionalWriteToAPartitionOutsideTheTransactionIsRefused() throws Exception {
        // given
        String topic = TopicNames.unique("tv1-verify");
        broker.createTopic(topic, 2);
        TopicPartition added = new TopicPartition(topic, 0);
        TopicPartition notAdded = new TopicPartition(topic, 1);
        String transactionalId = TopicNames.unique("tv1-verify-id");
        try (RawTransactionProtocol raw = RawTransactionProtocol.open(broker.port())) {
            ProducerIdAndEpoch producer = raw.initProducerId(transactionalId);
            assertThat(raw.addPartitions(transactionalId, producer, List.of(added)))
                    .containsEntry(added, Errors.NONE);

            // when
            Errors beforeAbortableError = raw.produceTransactional((short) 10, transactionalId, producer, notAdded,
                    0, "stray");
            Errors withAbortableError = raw.produceTransactional((short) 11, transactionalId, producer, notAdded,
                    0, "stray");
            Errors inTheTransaction = raw.produceTransactional((short) 11, transactionalId, producer, added, 0,
                    "kept");

            // then
            assertThat(beforeAbortableError).isEqualTo(Errors.INVALID_TXN_STATE);
            assertThat(withAbortableError).isEqualTo(Errors.TRANSACTION_ABORTABLE);
            assertThat(inTheTransaction).isEqualTo(Errors.NONE);
            assertThat(raw.endTransaction(transactionalId, producer, true)).isEqualTo(Errors.NONE);
            assertThat(committedValues(broker.clients(), topic, 2)).containsExactly("kept");
        }
    }

    @Test
    void aWriteOfAnAbortedTransactionIsRefused() throws Exception {
        // given
        String topic = TopicNames.unique("tv1-late");
        broker.createTopic(topic, 1);
        TopicPartition partition = new TopicPartition(topic, 0);
        String transactionalId = TopicNames.unique("tv1-late-id");
        try (RawTransactionProtocol raw = RawTransactionProtocol.open(broker.port())) {
            ProducerIdAndEpoch producer = raw.initProducerId(transactionalId);
            raw.addPartitions(transactionalId, producer, List.of(partition));
            assertThat(raw.produceTransactional((short) 11, transactionalId, producer, partition, 0, "aborted"))
                    .isEqualTo(Errors.NONE);
            assertThat(raw.endTransaction(transactionalId, producer, false)).isEqualTo(Errors.NONE);

            // when: the same producer (same epoch, as tv1 keeps it) writes on after the abort
            Errors late = awaitMarkersThenProduce(raw, transactionalId, producer, partition);

            // then: nothing opened a new transaction, nothing is left for read_committed or the LSO
            assertThat(late).isEqualTo(Errors.TRANSACTION_ABORTABLE);
            assertThat(committedValues(broker.clients(), topic, 1)).isEmpty();
        }
    }

    @Test
    void aProduceV12AddsThePartitionAndEndTxnV5HandsOutTheNextEpoch() throws Exception {
        // given
        String topic = TopicNames.unique("tv2-raw");
        broker.createTopic(topic, 1);
        TopicPartition partition = new TopicPartition(topic, 0);
        String transactionalId = TopicNames.unique("tv2-raw-id");
        try (RawTransactionProtocol raw = RawTransactionProtocol.open(broker.port())) {
            ProducerIdAndEpoch producer = raw.initProducerId(transactionalId);

            // when
            Errors implicitlyAdded = raw.produceTransactional((short) 12, transactionalId, producer, partition, 0,
                    "committed");
            TransactionDescription ongoing = describe(broker.clients().admin(), transactionalId);
            EndTxnResponseData ended = raw.endTransactionV2(transactionalId, producer, true);
            Errors lateWriteOfTheOldEpoch = raw.produceTransactional((short) 12, transactionalId, producer,
                    partition, 1, "late");
            ProducerIdAndEpoch next = new ProducerIdAndEpoch(ended.producerId(), ended.producerEpoch());
            EndTxnResponseData retried = raw.endTransactionV2(transactionalId, producer, true);

            // then
            assertThat(implicitlyAdded).isEqualTo(Errors.NONE);
            assertThat(ongoing.topicPartitions()).containsExactly(partition);
            assertThat(Errors.forCode(ended.errorCode())).isEqualTo(Errors.NONE);
            assertThat(next.producerId()).isEqualTo(producer.producerId());
            assertThat(next.epoch()).isEqualTo((short) (producer.epoch() + 1));
            assertThat(lateWriteOfTheOldEpoch).isEqualTo(Errors.INVALID_PRODUCER_EPOCH);
            // a retry (the client lost the answer) names the old epoch and gets the same answer
            assertThat(Errors.forCode(retried.errorCode())).isIn(Errors.NONE, Errors.CONCURRENT_TRANSACTIONS);
            assertThat(committedValues(broker.clients(), topic, 1)).containsExactly("committed");
        }
    }

    @Test
    void txnOffsetCommitBeforeV5MustFindTheOffsetsPartitionInTheTransaction() throws Exception {
        // given a transaction a version 2 producer opened with a Produce v12 (no AddOffsetsToTxn)
        String topic = TopicNames.unique("tv2-offsets-guard");
        broker.createTopic(topic, 1);
        TopicPartition partition = new TopicPartition(topic, 0);
        String transactionalId = TopicNames.unique("tv2-offsets-guard-id");
        String group = TopicNames.unique("tv2-offsets-guard-group");
        try (RawTransactionProtocol raw = RawTransactionProtocol.open(broker.port())) {
            ProducerIdAndEpoch producer = raw.initProducerId(transactionalId);
            assertThat(raw.produceTransactional((short) 12, transactionalId, producer, partition, 0, "v"))
                    .isEqualTo(Errors.NONE);

            // when offsets come with the versions that expect AddOffsetsToTxn first, then with v5
            Errors v3 = raw.txnOffsetCommit((short) 3, transactionalId, producer, group, partition, 1);
            Errors v4 = raw.txnOffsetCommit((short) 4, transactionalId, producer, group, partition, 1);
            Errors v5 = raw.txnOffsetCommit((short) 5, transactionalId, producer, group, partition, 1);
            Errors v4AfterTheAdd = raw.txnOffsetCommit((short) 4, transactionalId, producer, group, partition, 1);

            // then: refused by version (INVALID_TXN_STATE before v4's TRANSACTION_ABORTABLE), v5 adds the
            // partition, after which the older version verifies
            assertThat(v3).isEqualTo(Errors.INVALID_TXN_STATE);
            assertThat(v4).isEqualTo(Errors.TRANSACTION_ABORTABLE);
            assertThat(v5).isEqualTo(Errors.NONE);
            assertThat(v4AfterTheAdd).isEqualTo(Errors.NONE);
            assertThat(Errors.forCode(raw.endTransactionV2(transactionalId, producer, true).errorCode()))
                    .isEqualTo(Errors.NONE);
        }
    }

    @Test
    void txnOffsetCommitV5AddsTheOffsetsPartitionToATransactionOpenedByAddPartitionsToTxn() throws Exception {
        // given a version 1 transaction: AddPartitionsToTxn v3, then a Produce v11
        String topic = TopicNames.unique("tv1-offsets-v5");
        broker.createTopic(topic, 1);
        TopicPartition partition = new TopicPartition(topic, 0);
        String transactionalId = TopicNames.unique("tv1-offsets-v5-id");
        String group = TopicNames.unique("tv1-offsets-v5-group");
        try (RawTransactionProtocol raw = RawTransactionProtocol.open(broker.port())) {
            ProducerIdAndEpoch producer = raw.initProducerId(transactionalId);
            raw.addPartitions(transactionalId, producer, List.of(partition));
            assertThat(raw.produceTransactional((short) 11, transactionalId, producer, partition, 0, "v"))
                    .isEqualTo(Errors.NONE);

            // when
            Errors v5 = raw.txnOffsetCommit((short) 5, transactionalId, producer, group, partition, 1);

            // then: as Kafka, v5 adds the group's offsets partition whatever opened the transaction
            assertThat(v5).isEqualTo(Errors.NONE);
            assertThat(describe(broker.clients().admin(), transactionalId).topicPartitions())
                    .anyMatch(tp -> tp.topic().equals("__consumer_offsets"));
            assertThat(raw.endTransaction(transactionalId, producer, true)).isEqualTo(Errors.NONE);
        }
    }

    /** Until the abort's markers are written the coordinator answers CONCURRENT_TRANSACTIONS (NOT_ENOUGH_REPLICAS). */
    private static Errors awaitMarkersThenProduce(RawTransactionProtocol raw, String transactionalId,
                                                  ProducerIdAndEpoch producer, TopicPartition partition)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        Errors error;
        do {
            error = raw.produceTransactional((short) 11, transactionalId, producer, partition, 1, "late");
        } while (error == Errors.NOT_ENOUGH_REPLICAS && System.nanoTime() < deadline);
        return error;
    }

    private static TransactionDescription describe(Admin admin, String transactionalId) throws Exception {
        return admin.describeTransactions(List.of(transactionalId)).description(transactionalId)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
