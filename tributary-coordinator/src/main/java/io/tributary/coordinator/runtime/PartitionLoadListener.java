package io.tributary.coordinator.runtime;

/** Told when a coordinator partition finished loading (Kafka's {@code partition-load-time} sensors). */
@FunctionalInterface
public interface PartitionLoadListener {

    PartitionLoadListener NONE = (partition, loadTimeMs, nowMs) -> { };

    /**
     * @param loadTimeMs from the election (the load being scheduled) to the shard serving, in milliseconds
     * @param nowMs      when it finished
     */
    void loaded(int partition, long loadTimeMs, long nowMs);
}
