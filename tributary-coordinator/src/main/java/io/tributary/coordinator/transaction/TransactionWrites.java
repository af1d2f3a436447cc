package io.tributary.coordinator.transaction;

import io.tributary.coordinator.runtime.WriteOperation;
import io.tributary.coordinator.transaction.records.TransactionRecord;

/**
 * Schedules a write on the shard's own partition from any thread (e.g. when a marker write completes). The
 * operation runs against the state of the shard loaded then, which may be a newer one than the caller's.
 */
@FunctionalInterface
interface TransactionWrites {

    void schedule(WriteOperation<TransactionStore, Void, TransactionRecord> operation);
}
