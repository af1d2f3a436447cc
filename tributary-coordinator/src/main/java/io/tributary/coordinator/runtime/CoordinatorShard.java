package io.tributary.coordinator.runtime;

/**
 * The state machine of one coordinator partition. Its state is what replaying the partition's records yields,
 * plus whatever the protocol keeps only in memory.
 *
 * @param <R> the record type of the partition
 */
public interface CoordinatorShard<R> {

    /** Applies one record (at load, and after appending a write whose result asks for it). */
    void replay(R record);

    /**
     * Applies one record of a producer's transactional batch; it takes effect only once that producer's
     * transaction commits. Shards without transactional writes treat it as a plain record.
     */
    default void replayTransactional(R record, long producerId, short producerEpoch, int sequence) {
        replay(record);
    }

    /** A COMMIT or ABORT marker of {@code producerId} was written to this partition. */
    default void replayEndTransaction(long producerId, boolean commit) {
    }

    /** The log has been replayed: start the timers the loaded state needs. */
    void onLoaded();

    /** The partition is no longer led here: answer whatever still waits (NOT_COORDINATOR). */
    void onUnloaded();
}
