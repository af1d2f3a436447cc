package io.tributary.coordinator.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.coordinator.transaction.FakeMarkerWriter.Marker;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class TransactionLifecycleTest {

    private final TransactionTestContext ctx = new TransactionTestContext();

    @Test
    void newTransactionalIdGetsANewProducerIdAtEpochZero() {
        // when
        InitProducerIdResponseData response = ctx.init("tx");

        // then
        assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(response.producerId()).isEqualTo(1000L);
        assertThat(response.producerEpoch()).isZero();
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("Empty");
    }

    @Test
    void commitWritesACommitMarkerToEveryPartitionThenCompletes() {
        // given
        InitProducerIdResponseData producer = ctx.init("tx");
        long pid = producer.producerId();
        assertThat(ctx.addPartitions("tx", pid, (short) 0, "orders", 0, 1)).isEqualTo(Errors.NONE);
        assertThat(ctx.addOffsets("tx", pid, (short) 0, "group")).isEqualTo(Errors.NONE);
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("Ongoing");

        // when
        Errors ended = ctx.endTxn("tx", pid, (short) 0, true);

        // then
        int offsetsPartition = Math.abs("group".hashCode()) % 5;
        assertThat(ended).isEqualTo(Errors.NONE);
        assertThat(ctx.markers.written).containsExactlyInAnyOrder(
                new Marker(new TopicPartition("orders", 0), pid, (short) 0, true),
                new Marker(new TopicPartition("orders", 1), pid, (short) 0, true),
                new Marker(new TopicPartition("__consumer_offsets", offsetsPartition), pid, (short) 0, true));
        assertThat(ctx.markers.transactionVersions).as("a version 1 EndTxn: the epoch stays").containsOnly((short) 0);
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("CompleteCommit");
        assertThat(ctx.describe("tx").topics()).isEmpty();
    }

    @Test
    void abortWritesAbortMarkers() {
        // given
        long pid = ctx.init("tx").producerId();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 2);

        // when
        Errors ended = ctx.endTxn("tx", pid, (short) 0, false);

        // then
        assertThat(ended).isEqualTo(Errors.NONE);
        assertThat(ctx.markers.written).containsExactly(
                new Marker(new TopicPartition("orders", 2), pid, (short) 0, false));
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("CompleteAbort");
    }

    @Test
    void retriedEndTxnIsIdempotentButTheOppositeDecisionIsRefused() {
        // given
        long pid = ctx.init("tx").producerId();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 0);
        ctx.endTxn("tx", pid, (short) 0, true);

        // when
        Errors retried = ctx.endTxn("tx", pid, (short) 0, true);
        Errors opposite = ctx.endTxn("tx", pid, (short) 0, false);

        // then
        assertThat(retried).isEqualTo(Errors.NONE);
        assertThat(opposite).isEqualTo(Errors.INVALID_TXN_STATE);
        assertThat(ctx.markers.written).hasSize(1);
    }

    @Test
    void requestsWhileMarkersAreWrittenGetConcurrentTransactions() {
        // given
        long pid = ctx.init("tx").producerId();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 0);
        ctx.markers.hold();
        assertThat(ctx.endTxn("tx", pid, (short) 0, true)).isEqualTo(Errors.NONE);

        // when
        Errors add = ctx.addPartitions("tx", pid, (short) 0, "orders", 1);
        Errors init = Errors.forCode(ctx.init("tx").errorCode());
        ctx.markers.releaseAll();

        // then
        assertThat(add).isEqualTo(Errors.CONCURRENT_TRANSACTIONS);
        assertThat(init).isEqualTo(Errors.CONCURRENT_TRANSACTIONS);
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("CompleteCommit");
        assertThat(ctx.addPartitions("tx", pid, (short) 0, "orders", 1)).isEqualTo(Errors.NONE);
    }

    @Test
    void retriableMarkerFailuresAreRetried() {
        // given
        long pid = ctx.init("tx").producerId();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 0);
        ctx.markers.failNext(Errors.NOT_LEADER_OR_FOLLOWER);

        // when
        ctx.endTxn("tx", pid, (short) 0, true);
        String before = ctx.describe("tx").transactionState();
        ctx.advance(TransactionMarkers.RETRY_BACKOFF_MS);

        // then
        assertThat(before).isEqualTo("PrepareCommit");
        assertThat(ctx.markers.written).hasSize(2);
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("CompleteCommit");
    }

    @Test
    void badRequestsGetKafkasErrors() {
        // given
        long pid = ctx.init("tx").producerId();

        // when / then
        assertThat(ctx.init("tx", 0).errorCode()).isEqualTo(Errors.INVALID_TRANSACTION_TIMEOUT.code());
        assertThat(ctx.init("tx", 300_001).errorCode()).isEqualTo(Errors.INVALID_TRANSACTION_TIMEOUT.code());
        assertThat(ctx.addPartitions("unknown", pid, (short) 0, "orders", 0))
                .isEqualTo(Errors.INVALID_PRODUCER_ID_MAPPING);
        assertThat(ctx.addPartitions("tx", pid + 1, (short) 0, "orders", 0))
                .isEqualTo(Errors.INVALID_PRODUCER_ID_MAPPING);
        assertThat(ctx.endTxn("tx", pid, (short) 0, true)).isEqualTo(Errors.INVALID_TXN_STATE);
    }
}
