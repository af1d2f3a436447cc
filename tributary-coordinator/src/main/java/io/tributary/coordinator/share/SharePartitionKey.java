package io.tributary.coordinator.share;

import org.apache.kafka.common.Uuid;

/** A share-partition: one topic partition as one share group consumes it. */
public record SharePartitionKey(String groupId, Uuid topicId, int partition) {

    /** Kafka's key of the share coordinator ({@code FindCoordinator} key type SHARE): group:topicId:partition. */
    public String coordinatorKey() {
        return groupId + ":" + topicId + ":" + partition;
    }
}
