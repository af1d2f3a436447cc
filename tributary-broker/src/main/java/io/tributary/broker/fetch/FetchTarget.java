package io.tributary.broker.fetch;

import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.requests.FetchRequest;

/** One partition to read in a fetch: which (name may be null for an unknown topic id) and from where. */
record FetchTarget(TopicIdPartition partition, FetchRequest.PartitionData params) {

    boolean topicUnknown() {
        return partition.topic() == null;
    }
}
