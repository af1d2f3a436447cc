package io.tributary.coordinator.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.coordinator.transaction.FakeMarkerWriter.Marker;
import io.tributary.coordinator.transaction.records.TransactionRecord;
import io.tributary.coordinator.transaction.records.TransactionRecordSerde;
import io.tributary.coordinator.transaction.state.TransactionMetadata;
import io.tributary.coordinator.transaction.state.TransactionState;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** KIP-890 on the coordinator: EndTxn v5 bumps the epoch, brokers verify or add partitions with v4+/v5. */
class TransactionVersion2Test {

    private final TransactionTestContext ctx = new TransactionTestContext();

    @Test
    void endTxnV5WritesMarkersWithTheBumpedEpochAndReturnsIt() {
        // given
        long pid = ctx.init("tx").producerId();
        assertThat(brokerAdd("tx", pid, (short) 0, false, "orders", 0)).isEqualTo(Errors.NONE);

        // when
        EndTxnResponseData ended = endTxnV5("tx", pid, (short) 0, true);

        // then
        assertThat(Errors.forCode(ended.errorCode())).isEqualTo(Errors.NONE);
        assertThat(ended.producerId()).isEqualTo(pid);
        assertThat(ended.producerEpoch()).isEqualTo((short) 1);
        assertThat(ctx.markers.written).containsExactly(new Marker(new TopicPartition("orders", 0), pid, (short) 1,
                true));
        assertThat(ctx.markers.transactionVersions).as("WriteTxnMarkers v2 names it").containsExactly((short) 2);
        assertThat(ctx.describe("tx").producerEpoch()).isEqualTo((short) 1);
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("CompleteCommit");
    }

    @Test
    void aRetryWithTheEpochBeforeTheBumpGetsTheSameAnswerAndAnOlderEpochIsFenced() {
        // given
        long pid = ctx.init("tx").producerId();
        brokerAdd("tx", pid, (short) 0, false, "orders", 0);
        endTxnV5("tx", pid, (short) 0, true);

        // when
        EndTxnResponseData retried = endTxnV5("tx", pid, (short) 0, true);
        EndTxnResponseData oppositeRetry = endTxnV5("tx", pid, (short) 0, false);

        // then
        assertThat(Errors.forCode(retried.errorCode())).isEqualTo(Errors.NONE);
        assertThat(retried.producerEpoch()).isEqualTo((short) 1);
        assertThat(Errors.forCode(oppositeRetry.errorCode())).isEqualTo(Errors.INVALID_TXN_STATE);
        assertThat(ctx.markers.written).hasSize(1);
    }

    @Test
    void theNextTransactionUsesTheNewEpochAndTheOldOneCannotAddPartitions() {
        // given
        long pid = ctx.init("tx").producerId();
        brokerAdd("tx", pid, (short) 0, false, "orders", 0);
        endTxnV5("tx", pid, (short) 0, false);

        // when
        Errors stale = brokerAdd("tx", pid, (short) 0, false, "orders", 1);
        Errors next = brokerAdd("tx", pid, (short) 1, false, "orders", 1);

        // then
        assertThat(stale).isEqualTo(Errors.PRODUCER_FENCED);
        assertThat(next).isEqualTo(Errors.NONE);
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("Ongoing");
    }

    @Test
    void anAbortWithNoTransactionOpenBumpsTheEpochButACommitIsInvalid() {
        // given
        long pid = ctx.init("tx").producerId();

        // when
        EndTxnResponseData commit = endTxnV5("tx", pid, (short) 0, true);
        EndTxnResponseData abort = endTxnV5("tx", pid, (short) 0, false);

        // then
        assertThat(Errors.forCode(commit.errorCode())).isEqualTo(Errors.INVALID_TXN_STATE);
        assertThat(Errors.forCode(abort.errorCode())).isEqualTo(Errors.NONE);
        assertThat(abort.producerEpoch()).isEqualTo((short) 1);
        assertThat(ctx.markers.written).isEmpty();
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("CompleteAbort");
    }

    @Test
    void verifyOnlyAnswersTransactionAbortableForAPartitionOutsideTheTransaction() {
        // given
        long pid = ctx.init("tx").producerId();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 0);

        // when
        Errors inside = brokerAdd("tx", pid, (short) 0, true, "orders", 0);
        Errors outside = brokerAdd("tx", pid, (short) 0, true, "orders", 1);
        Errors fenced = brokerAdd("tx", pid, (short) 1, true, "orders", 0);

        // then
        assertThat(inside).isEqualTo(Errors.NONE);
        assertThat(outside).isEqualTo(Errors.TRANSACTION_ABORTABLE);
        assertThat(fenced).isEqualTo(Errors.PRODUCER_FENCED);
        assertThat(ctx.describe("tx").topics().find("orders").partitions()).containsExactly(0);
    }

    @Test
    void anExhaustedEpochMovesToTheNextProducerIdAtCompletionAndSurvivesTheLog() {
        // given
        TransactionMetadata ongoing = new TransactionMetadata(7L, -1L, (short) (Short.MAX_VALUE - 1), (short) -1,
                60_000, TransactionState.ONGOING, Set.of(new TopicPartition("orders", 0)), 1L, 1L);

        // when
        TransactionMetadata prepared = ongoing.preparedWithEpochBump(TransactionState.PREPARE_COMMIT, () -> 8L, 2L);
        TransactionRecordSerde serde = new TransactionRecordSerde();
        TransactionRecord replayed = serde.deserialize(
                ByteBuffer.wrap(serde.serializeKey(new TransactionRecord("tx", prepared))),
                ByteBuffer.wrap(serde.serializeValue(new TransactionRecord("tx", prepared))));
        TransactionMetadata completed = replayed.value().completed(3L);

        // then: markers go out under the old id at the last epoch, the client continues as (8, 0)
        assertThat(prepared.producerId()).isEqualTo(7L);
        assertThat(prepared.producerEpoch()).isEqualTo(Short.MAX_VALUE);
        assertThat(prepared.producerIdAfterCompletion()).isEqualTo(8L);
        assertThat(prepared.producerEpochAfterCompletion()).isZero();
        assertThat(replayed.value()).isEqualTo(prepared);
        assertThat(replayed.value().transactionVersion()).as("a reload resends the markers as version 2")
                .isEqualTo((short) 2);
        assertThat(completed.producerId()).isEqualTo(8L);
        assertThat(completed.lastProducerId()).isEqualTo(7L);
        assertThat(completed.producerEpoch()).isZero();
        assertThat(completed.state()).isEqualTo(TransactionState.COMPLETE_COMMIT);
    }

    private EndTxnResponseData endTxnV5(String transactionalId, long producerId, short epoch, boolean commit) {
        return ctx.service.endTxn(TransactionTestContext.context(5), new EndTxnRequestData()
                .setTransactionalId(transactionalId).setProducerId(producerId).setProducerEpoch(epoch)
                .setCommitted(commit)).join();
    }

    /** AddPartitionsToTxn v5 as a partition leader sends it. */
    private Errors brokerAdd(String transactionalId, long producerId, short epoch, boolean verifyOnly, String topic,
                             int partition) {
        AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection topics =
                new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection();
        topics.add(new AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic().setName(topic)
                .setPartitions(List.of(partition)));
        AddPartitionsToTxnRequestData.AddPartitionsToTxnTransactionCollection transactions =
                new AddPartitionsToTxnRequestData.AddPartitionsToTxnTransactionCollection();
        transactions.add(new AddPartitionsToTxnRequestData.AddPartitionsToTxnTransaction()
                .setTransactionalId(transactionalId).setProducerId(producerId).setProducerEpoch(epoch)
                .setVerifyOnly(verifyOnly).setTopics(topics));
        AddPartitionsToTxnResponseData response = ctx.service.addPartitionsToTxn(TransactionTestContext.context(5),
                new AddPartitionsToTxnRequestData().setTransactions(transactions)).join();
        return Errors.forCode(response.resultsByTransaction().find(transactionalId).topicResults().find(topic)
                .resultsByPartition().iterator().next().partitionErrorCode());
    }
}
