package io.tributary.coordinator.transaction.records;

import io.tributary.coordinator.transaction.state.TransactionMetadata;

/** One record of a {@code __transaction_state} partition, keyed by transactional id; null value = tombstone. */
public record TransactionRecord(String transactionalId, TransactionMetadata value) {

    public static TransactionRecord tombstone(String transactionalId) {
        return new TransactionRecord(transactionalId, null);
    }
}
