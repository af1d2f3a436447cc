package io.tributary.coordinator.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.coordinator.runtime.EventExecutor;
import io.tributary.coordinator.runtime.InMemoryCoordinatorLog;
import io.tributary.coordinator.runtime.ManualEventExecutor;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.Test;

/** What the coordinator tells Kafka's transaction coordinator metrics. */
class TransactionCoordinatorMetricsTest {

    private final TransactionTestContext ctx = new TransactionTestContext();

    @Test
    void aTransactionWhoseMarkersHaveNoDestinationCountsOnceUntilTheyAreWritten() {
        // given: two partitions whose leader is unknown at the first attempt
        long pid = ctx.init("tx").producerId();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 0, 1);
        ctx.markers.failNext(Errors.LEADER_NOT_AVAILABLE, Errors.LEADER_NOT_AVAILABLE);

        // when
        ctx.endTxn("tx", pid, (short) 0, true);
        int waiting = ctx.service.markersAwaitingDestination();
        ctx.advance(TransactionMarkers.RETRY_BACKOFF_MS);

        // then
        assertThat(waiting).as("one transaction, as Kafka groups its markers by destination").isEqualTo(1);
        assertThat(ctx.service.markersAwaitingDestination()).isZero();
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("CompleteCommit");
    }

    @Test
    void otherRetriableFailuresAreNotCountedAsUnknownDestinations() {
        // given
        long pid = ctx.init("tx").producerId();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 0);
        ctx.markers.failNext(Errors.NOT_LEADER_OR_FOLLOWER);

        // when
        ctx.endTxn("tx", pid, (short) 0, false);

        // then
        assertThat(ctx.service.markersAwaitingDestination()).isZero();
        ctx.advance(TransactionMarkers.RETRY_BACKOFF_MS);
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("CompleteAbort");
    }

    @Test
    void aResignedPartitionsWaitingMarkersNoLongerCount() {
        // given
        long pid = ctx.init("tx").producerId();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 0);
        ctx.markers.failNext(Errors.LEADER_NOT_AVAILABLE, Errors.LEADER_NOT_AVAILABLE, Errors.LEADER_NOT_AVAILABLE);
        ctx.endTxn("tx", pid, (short) 0, true);
        ctx.advance(TransactionMarkers.RETRY_BACKOFF_MS);
        assertThat(ctx.service.markersAwaitingDestination()).isEqualTo(1);

        // when
        ctx.service.onResignation(ctx.service.partitionFor("tx"));
        ctx.advance(0);

        // then
        assertThat(ctx.service.markersAwaitingDestination()).isZero();
    }

    @Test
    void aCompletionRecordRefusedForTooFewInSyncReplicasIsQueuedAndAppendedAgain() {
        // given: markers held until the completion's append will be refused
        long pid = ctx.init("tx").producerId();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 0);
        ctx.markers.hold();
        ctx.endTxn("tx", pid, (short) 0, true);
        ctx.logs.get(ctx.service.partitionFor("tx")).failNextAppend(new NotEnoughReplicasException("isr 1 < 2"));

        // when
        ctx.markers.releaseAll();
        int queued = ctx.service.completionsAwaitingAppend();
        String stateMeanwhile = ctx.describe("tx").transactionState();
        ctx.advance(TransactionMarkers.RETRY_BACKOFF_MS);

        // then
        assertThat(queued).isEqualTo(1);
        assertThat(stateMeanwhile).isEqualTo("PrepareCommit");
        assertThat(ctx.service.completionsAwaitingAppend()).isZero();
        assertThat(ctx.describe("tx").transactionState()).isEqualTo("CompleteCommit");
    }

    @Test
    void aCompletionRefusedBecauseThePartitionMovedIsNotRetriedHere() {
        // given
        long pid = ctx.init("tx").producerId();
        ctx.addPartitions("tx", pid, (short) 0, "orders", 0);
        ctx.markers.hold();
        ctx.endTxn("tx", pid, (short) 0, false);
        ctx.logs.get(ctx.service.partitionFor("tx")).failNextAppend(new NotLeaderOrFollowerException("moved"));

        // when
        ctx.markers.releaseAll();

        // then
        assertThat(ctx.service.completionsAwaitingAppend()).isZero();
    }

    @Test
    void everyLoadedPartitionReportsItsLoadTime() {
        // given
        MockTime time = new MockTime(0, 1_000_000L, 0);
        ManualEventExecutor events = new ManualEventExecutor(time);
        List<Runnable> queued = new ArrayList<>();
        EventExecutor busy = new EventExecutor() { // an event thread that runs nothing until told
            @Override
            public void execute(Runnable event) {
                queued.add(event);
            }

            @Override
            public Cancellable schedule(long delayMs, Runnable event) {
                return events.schedule(delayMs, event);
            }

            @Override
            public void close() {
            }
        };
        List<long[]> loads = new ArrayList<>();
        TransactionCoordinatorService service = new TransactionCoordinatorService(ctx.config, () -> 1L,
                new FakeMarkerWriter(), time, busy,
                (partition, loadTimeMs, nowMs) -> loads.add(new long[] {partition, loadTimeMs, nowMs}));

        // when: the election is scheduled, then the event thread gets to it 25 ms later
        service.onElection(1, new InMemoryCoordinatorLog());
        time.sleep(25);
        while (!queued.isEmpty()) {
            queued.remove(0).run();
        }

        // then
        assertThat(loads).hasSize(1);
        assertThat(loads.get(0)).containsExactly(1L, 25L, 1_000_025L);
    }
}
