package io.tributary.coordinator.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.coordinator.transaction.FakeMarkerWriter.Marker;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DescribeTransactionsResponseData;
import org.apache.kafka.common.message.ListTransactionsRequestData;
import org.apache.kafka.common.message.ListTransactionsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class TransactionRecoveryAndAdminTest {

    private final TransactionTestContext ctx = new TransactionTestContext();

    @Test
    void reloadInPrepareCommitWritesTheMarkersAndCompletes() {
        // given
        long pid = ctx.init("tx").producerId();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 0, 1);
        ctx.markers.hold();
        ctx.endTxn("tx", pid, (short) 0, true);
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("PrepareCommit");

        // when
        FakeMarkerWriter afterRestart = new FakeMarkerWriter();
        ctx.restart(afterRestart);

        // then
        assertThat(afterRestart.written).containsExactlyInAnyOrder(
                new Marker(new TopicPartition("orders", 0), pid, (short) 0, true),
                new Marker(new TopicPartition("orders", 1), pid, (short) 0, true));
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("CompleteCommit");
    }

    @Test
    void stateSurvivesARestart() {
        // given
        long pid = ctx.init("tx").producerId();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 3);

        // when
        ctx.restart(new FakeMarkerWriter());

        // then
        DescribeTransactionsResponseData.TransactionState described = ctx.describe("tx");
        assertThat(described.transactionState()).isEqualTo("Ongoing");
        assertThat(described.producerId()).isEqualTo(pid);
        assertThat(described.transactionTimeoutMs()).isEqualTo(TransactionTestContext.TIMEOUT_MS);
        assertThat(described.topics()).extracting(DescribeTransactionsResponseData.TopicData::topic,
                DescribeTransactionsResponseData.TopicData::partitions)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", List.of(3)));
        assertThat(ctx.endTxn("tx", pid, (short) 0, true)).isEqualTo(Errors.NONE);
    }

    @Test
    void describeShowsTheOngoingTransaction() {
        // given
        long pid = ctx.init("tx").producerId();
        long started = ctx.time.milliseconds();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 1, 0);

        // when
        DescribeTransactionsResponseData.TransactionState described = ctx.describe("tx");
        DescribeTransactionsResponseData.TransactionState unknown = ctx.describe("nobody");

        // then
        assertThat(described.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(described.transactionStartTimeMs()).isEqualTo(started);
        assertThat(described.producerEpoch()).isZero();
        assertThat(described.topics().iterator().next().partitions()).containsExactly(0, 1);
        assertThat(unknown.errorCode()).isEqualTo(Errors.TRANSACTIONAL_ID_NOT_FOUND.code());
    }

    @Test
    void listFiltersByStateProducerIdAndDuration() {
        // given
        long ongoing = ctx.init("a").producerId();
        ctx.addPartitions("a", ongoing, (short) 0, "orders", 0);
        long idle = ctx.init("b").producerId();
        ctx.advance(1_000);

        // when
        List<ListTransactionsResponseData.TransactionState> all = list(new ListTransactionsRequestData());
        List<ListTransactionsResponseData.TransactionState> byState =
                list(new ListTransactionsRequestData().setStateFilters(List.of("Ongoing")));
        List<ListTransactionsResponseData.TransactionState> byProducer =
                list(new ListTransactionsRequestData().setProducerIdFilters(List.of(idle)));
        List<ListTransactionsResponseData.TransactionState> longRunning =
                list(new ListTransactionsRequestData().setDurationFilter(500));
        List<ListTransactionsResponseData.TransactionState> tooRecent =
                list(new ListTransactionsRequestData().setDurationFilter(5_000));
        ListTransactionsResponseData unknownState = ctx.service.listTransactions(TransactionTestContext.context(1),
                new ListTransactionsRequestData().setStateFilters(List.of("Bogus"))).join();

        // then
        assertThat(all).extracting(ListTransactionsResponseData.TransactionState::transactionalId)
                .containsExactlyInAnyOrder("a", "b");
        assertThat(byState).extracting(ListTransactionsResponseData.TransactionState::transactionalId)
                .containsExactly("a");
        assertThat(byProducer).extracting(ListTransactionsResponseData.TransactionState::transactionState)
                .containsExactly("Empty");
        assertThat(longRunning).extracting(ListTransactionsResponseData.TransactionState::producerId)
                .containsExactly(ongoing);
        assertThat(tooRecent).isEmpty();
        assertThat(unknownState.unknownStateFilters()).containsExactly("Bogus");
        assertThat(unknownState.transactionStates()).isEmpty();
    }

    private List<ListTransactionsResponseData.TransactionState> list(ListTransactionsRequestData request) {
        ListTransactionsResponseData response = ctx.service.listTransactions(TransactionTestContext.context(1),
                request).join();
        assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
        return response.transactionStates();
    }
}
