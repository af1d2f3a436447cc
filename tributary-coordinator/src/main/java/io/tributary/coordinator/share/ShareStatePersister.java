package io.tributary.coordinator.share;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.Errors;

/**
 * Where share-partition leaders keep their state (Kafka's persister over the share coordinator): every write is
 * committed to {@code __share_group_state} before its future completes. Futures complete normally, with Kafka's
 * error codes (NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, FENCED_STATE_EPOCH, FENCED_LEADER_EPOCH, ...).
 */
public interface ShareStatePersister {

    /** What a read found: an error, or the state (empty when the share-partition was never initialized). */
    record ReadResult(Errors error, Optional<SharePartitionState> state) {
    }

    CompletableFuture<ReadResult> read(SharePartitionKey key);

    /**
     * Replaces the state. Refused with FENCED_STATE_EPOCH when {@code state.stateEpoch()} is older than the stored
     * one, FENCED_LEADER_EPOCH when the writer's leader epoch is older.
     */
    CompletableFuture<Errors> write(SharePartitionKey key, SharePartitionState state);

    /**
     * An admin sets the start offset (AlterShareGroupOffsets): the state epoch is bumped so that a leader holding
     * the old state is fenced and reloads.
     */
    CompletableFuture<Errors> resetStartOffset(SharePartitionKey key, long startOffset);

    /** Forgets the share-partition (DeleteShareGroupOffsets, DeleteGroups). */
    CompletableFuture<Errors> delete(SharePartitionKey key);
}
