package io.tributary.coordinator.transaction;

import io.tributary.coordinator.runtime.WriteOperation;
import io.tributary.coordinator.transaction.records.TransactionRecord;

/** Schedules a write on the shard's own partition from any thread (e.g. when a marker write completes). */
@FunctionalInterface
interface TransactionWrites {

    void schedule(WriteOperation<TransactionCoordinatorShard, Void, TransactionRecord> operation);
}
