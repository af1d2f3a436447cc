package io.tributary.coordinator.transaction;

import io.tributary.coordinator.transaction.records.TransactionRecord;
import io.tributary.coordinator.transaction.state.TransactionMetadata;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The state of one transaction coordinator shard: the metadata of each transactional id its partition holds, as
 * replayed from the partition's records. The shard creates it and hands it to its handlers, which read it and
 * answer with records; only {@link #replay} changes it. Used on the coordinator's event thread only.
 */
final class TransactionStore {

    private final Map<String, TransactionMetadata> transactions = new HashMap<>();

    /** The metadata of a transactional id, or null. */
    TransactionMetadata get(String transactionalId) {
        return transactions.get(transactionalId);
    }

    Map<String, TransactionMetadata> all() {
        return Collections.unmodifiableMap(transactions);
    }

    /** Applies one record: a tombstone removes the transactional id. */
    void replay(TransactionRecord record) {
        if (record.value() == null) {
            transactions.remove(record.transactionalId());
        } else {
            transactions.put(record.transactionalId(), record.value());
        }
    }
}
