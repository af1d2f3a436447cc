package io.tributary.storage.api;

/** Told of every fsync of a partition's log (Kafka's {@code LogFlushStats}: flush rate and time). */
@FunctionalInterface
public interface FlushListener {

    FlushListener NONE = nanos -> { };

    /** A flush wrote data to disk; it took {@code nanos}. Called on the flushing thread: must be quick. */
    void flushed(long nanos);
}
