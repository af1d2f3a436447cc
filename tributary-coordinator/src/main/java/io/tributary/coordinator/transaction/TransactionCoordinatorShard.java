package io.tributary.coordinator.transaction;

import io.tributary.coordinator.runtime.CoordinatorShard;
import io.tributary.coordinator.runtime.CoordinatorTimer;
import io.tributary.coordinator.transaction.records.TransactionRecord;
import io.tributary.coordinator.transaction.state.TransactionState;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.utils.Time;

/**
 * The transaction coordinator of one {@code __transaction_state} partition: its {@link TransactionStore} (the
 * metadata of each transactional id it owns) and the handlers acting on it, which depend on the store, never on
 * the shard. On load, transactions caught between their prepare and complete records get their markers written
 * again, so none is ever left half done.
 */
public final class TransactionCoordinatorShard implements CoordinatorShard<TransactionRecord> {

    private static final String CLEANUP_TIMER = "transaction-cleanup";

    private final TransactionCoordinatorConfig config;
    private final CoordinatorTimer<TransactionRecord> timer;
    private final TransactionStore store = new TransactionStore();
    private final TransactionMarkers markers;
    private final InitProducerIdHandler initProducerId;
    private final AddPartitionsHandler addPartitions;
    private final EndTxnHandler endTxn;
    private final TransactionCleanup cleanup;
    private final TransactionAdmin admin;

    /**
     * @param unknownDestination the broker-wide count of transactions whose markers wait for a destination
     * @param completionRetries  the broker-wide count of completion records waiting for another append
     */
    TransactionCoordinatorShard(TransactionCoordinatorConfig config, ProducerIdGenerator producerIds,
                                TransactionMarkerWriter markerWriter, TransactionWrites writes,
                                CoordinatorTimer<TransactionRecord> timer, Time time,
                                AtomicInteger unknownDestination, AtomicInteger completionRetries) {
        this.config = config;
        this.timer = timer;
        this.markers = new TransactionMarkers(store, markerWriter, writes, timer, time,
                new UnknownDestinationMarkers(unknownDestination), new CompletionRetries(completionRetries));
        this.initProducerId = new InitProducerIdHandler(store, config, producerIds, markers, time);
        this.addPartitions = new AddPartitionsHandler(store, time);
        this.endTxn = new EndTxnHandler(store, markers, producerIds, time);
        this.cleanup = new TransactionCleanup(store, markers, config, time);
        this.admin = new TransactionAdmin(store, time);
    }

    @Override
    public void replay(TransactionRecord record) {
        store.replay(record);
    }

    @Override
    public void onLoaded() {
        store.all().forEach((transactionalId, metadata) -> {
            if (metadata.state() == TransactionState.PREPARE_COMMIT
                    || metadata.state() == TransactionState.PREPARE_ABORT) {
                markers.start(transactionalId, metadata);
            }
        });
        scheduleCleanup();
    }

    @Override
    public void onUnloaded() {
        // Nothing waits on this shard: responses are given once records are committed, markers are resumed
        // by whichever broker loads the partition next.
        markers.unloaded();
    }

    /** The shard's state; writes scheduled from outside the event thread run against it. */
    TransactionStore store() {
        return store;
    }

    InitProducerIdHandler initProducerId() {
        return initProducerId;
    }

    AddPartitionsHandler addPartitions() {
        return addPartitions;
    }

    EndTxnHandler endTxn() {
        return endTxn;
    }

    TransactionAdmin admin() {
        return admin;
    }

    private void scheduleCleanup() {
        timer.schedule(CLEANUP_TIMER, config.abortTimedOutCheckIntervalMs(), () -> {
            scheduleCleanup();
            return cleanup.run();
        });
    }
}
