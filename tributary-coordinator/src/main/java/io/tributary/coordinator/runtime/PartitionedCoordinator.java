package io.tributary.coordinator.runtime;

import org.apache.kafka.common.utils.Utils;

/**
 * A coordinator spread over the partitions of an internal topic (groups over {@code __consumer_offsets},
 * transactions over {@code __transaction_state}): which partition owns a key, and which partitions are led here.
 */
public interface PartitionedCoordinator extends AutoCloseable {

    /** The partition of the internal topic that owns this key (group id or transactional id). */
    int partitionFor(String key);

    /** Whether this broker leads the partition (its shard is loading or loaded). */
    boolean isActive(int partition);

    /** This broker became the partition's leader: load its shard by replaying the log. */
    void onElection(int partition, CoordinatorLog log);

    /** This broker no longer leads the partition: unload its shard. */
    void onResignation(int partition);

    /** Kafka's key-to-partition rule for the internal topics. */
    static int partitionFor(String key, int partitionCount) {
        return Utils.abs(key.hashCode()) % partitionCount;
    }

    @Override
    void close();
}
