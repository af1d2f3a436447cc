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

    /** The log has been replayed: start the timers the loaded state needs. */
    void onLoaded();

    /** The partition is no longer led here: answer whatever still waits (NOT_COORDINATOR). */
    void onUnloaded();
}
