package io.tributary.coordinator.transaction;

import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.transaction.records.TransactionRecord;
import io.tributary.coordinator.transaction.state.TransactionMetadata;
import io.tributary.coordinator.transaction.state.TransactionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Time;

/**
 * The periodic sweep: aborts transactions open longer than their timeout (under a bumped epoch, so that their
 * producer is fenced if it comes back) and removes transactional ids idle past transactional.id.expiration.ms.
 */
final class TransactionCleanup {

    private final TransactionStore transactions;
    private final TransactionMarkers markers;
    private final TransactionCoordinatorConfig config;
    private final Time time;

    TransactionCleanup(TransactionStore transactions, TransactionMarkers markers,
                       TransactionCoordinatorConfig config, Time time) {
        this.transactions = transactions;
        this.markers = markers;
        this.config = config;
        this.time = time;
    }

    CoordinatorResult<Void, TransactionRecord> run() {
        long now = time.milliseconds();
        List<TransactionRecord> records = new ArrayList<>();
        Map<String, TransactionMetadata> aborting = new LinkedHashMap<>();
        transactions.all().forEach((transactionalId, metadata) -> {
            if (metadata.state() == TransactionState.ONGOING
                    && now - metadata.startTimestamp() > metadata.timeoutMs()) {
                TransactionMetadata aborted = metadata.fencedAbort(now);
                aborting.put(transactionalId, aborted);
                records.add(new TransactionRecord(transactionalId, aborted));
            } else if (metadata.state().isIdle()
                    && now - metadata.lastUpdateTimestamp() >= config.transactionalIdExpirationMs()) {
                records.add(TransactionRecord.tombstone(transactionalId));
            }
        });
        return new CoordinatorResult<>(records, null, true, markers.startOnCommit(aborting));
    }
}
