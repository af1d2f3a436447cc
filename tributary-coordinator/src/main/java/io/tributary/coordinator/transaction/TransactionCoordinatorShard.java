package io.tributary.coordinator.transaction;

import io.tributary.coordinator.runtime.CoordinatorShard;
import io.tributary.coordinator.runtime.CoordinatorTimer;
import io.tributary.coordinator.transaction.records.TransactionRecord;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Time;

/**
 * The transaction coordinator state of one {@code __transaction_state} partition: the metadata of each
 * transactional id it owns, and the handlers acting on it. On load, transactions caught between their
 * prepare and complete records get their markers written again, so none is ever left half done.
 */
public final class TransactionCoordinatorShard implements CoordinatorShard<TransactionRecord> {

    private static final String CLEANUP_TIMER = "transaction-cleanup";

    private final TransactionCoordinatorConfig config;
    private final CoordinatorTimer<TransactionRecord> timer;
    private final Map<String, TransactionMetadata> transactions = new HashMap<>();
    private final TransactionMarkers markers;
    private final InitProducerIdHandler initProducerId;
    private final AddPartitionsHandler addPartitions;
    private final EndTxnHandler endTxn;
    private final TransactionCleanup cleanup;
    private final TransactionAdmin admin;

    TransactionCoordinatorShard(TransactionCoordinatorConfig config, ProducerIdGenerator producerIds,
                                TransactionMarkerWriter markerWriter, TransactionWrites writes,
                                CoordinatorTimer<TransactionRecord> timer, Time time) {
        this.config = config;
        this.timer = timer;
        this.markers = new TransactionMarkers(this, markerWriter, writes, timer, time);
        this.initProducerId = new InitProducerIdHandler(this, config, producerIds, markers, time);
        this.addPartitions = new AddPartitionsHandler(this, time);
        this.endTxn = new EndTxnHandler(this, markers, time);
        this.cleanup = new TransactionCleanup(this, markers, config, time);
        this.admin = new TransactionAdmin(this, time);
    }

    @Override
    public void replay(TransactionRecord record) {
        if (record.value() == null) {
            transactions.remove(record.transactionalId());
        } else {
            transactions.put(record.transactionalId(), record.value());
        }
    }

    @Override
    public void onLoaded() {
        transactions.forEach((transactionalId, metadata) -> {
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
    }

    /** The metadata of a transactional id, or null. */
    TransactionMetadata get(String transactionalId) {
        return transactions.get(transactionalId);
    }

    Map<String, TransactionMetadata> all() {
        return Collections.unmodifiableMap(transactions);
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
