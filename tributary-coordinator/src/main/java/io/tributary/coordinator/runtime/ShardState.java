package io.tributary.coordinator.runtime;

/** Where a coordinator partition is in its life on this broker. */
public enum ShardState {
    /** Not led here (or failed to load). */
    NOT_LED,
    /** Led here, its log still being replayed. */
    LOADING,
    /** Led here and serving. */
    ACTIVE
}
