package io.tributary.broker.simulation;

import org.apache.kafka.common.Uuid;

/** A partition by topic id and index. */
record PartitionKey(Uuid topicId, int partition) {
}
