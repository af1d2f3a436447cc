package io.tributary.coordinator.share;

import java.util.List;

/**
 * The durable state of a share-partition (Kafka's ShareSnapshot): the share-partition start offset (every record
 * before it is done with), the state epoch (bumped when an admin moves the offsets, fencing the leader's older
 * view), the leader epoch of the writer, and the records past the start offset that are not simply "never
 * delivered".
 */
public record SharePartitionState(int stateEpoch, int leaderEpoch, long startOffset, List<StateBatch> batches) {

    public SharePartitionState {
        batches = List.copyOf(batches);
    }
}
