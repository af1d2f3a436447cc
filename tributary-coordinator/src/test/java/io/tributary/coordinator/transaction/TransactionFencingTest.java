package io.tributary.coordinator.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.coordinator.transaction.FakeMarkerWriter.Marker;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class TransactionFencingTest {

    private final TransactionTestContext ctx = new TransactionTestContext();

    @Test
    void secondInitBumpsTheEpochAndFencesTheFirstProducer() {
        // given
        InitProducerIdResponseData first = ctx.init("tx");

        // when
        InitProducerIdResponseData second = ctx.init("tx");

        // then
        assertThat(second.producerId()).isEqualTo(first.producerId());
        assertThat(second.producerEpoch()).isEqualTo((short) 1);
        assertThat(ctx.addPartitions("tx", first.producerId(), (short) 0, "orders", 0))
                .isEqualTo(Errors.PRODUCER_FENCED);
        assertThat(ctx.addOffsets("tx", first.producerId(), (short) 0, "g")).isEqualTo(Errors.PRODUCER_FENCED);
        assertThat(ctx.addPartitions("tx", second.producerId(), (short) 1, "orders", 0)).isEqualTo(Errors.NONE);
        assertThat(ctx.endTxn("tx", first.producerId(), (short) 0, true)).isEqualTo(Errors.PRODUCER_FENCED);
    }

    @Test
    void initOverAnOngoingTransactionAbortsItFirst() {
        // given
        long pid = ctx.init("tx").producerId();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 0);
        ctx.markers.hold();

        // when
        InitProducerIdResponseData whileAborting = ctx.init("tx");
        InitProducerIdResponseData stillAborting = ctx.init("tx");
        ctx.markers.releaseAll();
        InitProducerIdResponseData afterAbort = ctx.init("tx");

        // then
        assertThat(whileAborting.errorCode()).isEqualTo(Errors.CONCURRENT_TRANSACTIONS.code());
        assertThat(stillAborting.errorCode()).isEqualTo(Errors.CONCURRENT_TRANSACTIONS.code());
        assertThat(ctx.markers.written).containsExactly(
                new Marker(new TopicPartition("orders", 0), pid, (short) 1, false));
        assertThat(afterAbort.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(afterAbort.producerEpoch()).isEqualTo((short) 2);
        assertThat(ctx.endTxn("tx", pid, (short) 0, false)).isEqualTo(Errors.PRODUCER_FENCED);
    }

    @Test
    void kip360InitWithTheCurrentEpochBumpsAndAStaleEpochIsFenced() {
        // given
        InitProducerIdResponseData first = ctx.init("tx");

        // when
        InitProducerIdResponseData bumped = initWith("tx", first.producerId(), first.producerEpoch());
        InitProducerIdResponseData retried = initWith("tx", first.producerId(), first.producerEpoch());
        ctx.init("tx");
        InitProducerIdResponseData stale = initWith("tx", first.producerId(), first.producerEpoch());

        // then
        assertThat(bumped.producerEpoch()).isEqualTo((short) 1);
        assertThat(retried.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(retried.producerEpoch()).isEqualTo((short) 1);
        assertThat(stale.errorCode()).isEqualTo(Errors.PRODUCER_FENCED.code());
    }

    @Test
    void transactionOpenPastItsTimeoutIsAbortedUnderANewEpoch() {
        // given
        long pid = ctx.init("tx", 5_000).producerId();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 0);

        // when
        ctx.advance(10_000);

        // then
        assertThat(ctx.markers.written).containsExactly(
                new Marker(new TopicPartition("orders", 0), pid, (short) 1, false));
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("CompleteAbort");
        assertThat(ctx.describe("tx").producerEpoch()).isEqualTo((short) 1);
        assertThat(ctx.addPartitions("tx", pid, (short) 0, "orders", 0)).isEqualTo(Errors.PRODUCER_FENCED);
        assertThat(ctx.init("tx").producerEpoch()).isEqualTo((short) 2);
    }

    @Test
    void idleTransactionalIdExpires() {
        // given
        ctx.init("tx");

        // when
        ctx.advance(TransactionTestContext.EXPIRATION_MS + 10_000);

        // then
        assertThat(ctx.describe("tx").errorCode()).isEqualTo(Errors.TRANSACTIONAL_ID_NOT_FOUND.code());
    }

    private InitProducerIdResponseData initWith(String transactionalId, long producerId, short epoch) {
        return ctx.service.initProducerId(TransactionTestContext.context(5), new InitProducerIdRequestData()
                .setTransactionalId(transactionalId).setTransactionTimeoutMs(TransactionTestContext.TIMEOUT_MS)
                .setProducerId(producerId).setProducerEpoch(epoch)).join();
    }
}
