package io.tributary.broker.fetch;

import org.apache.kafka.common.message.FetchResponseData.PartitionData;

/** The outcome of reading one partition: the response entry and the bytes it carries. */
record PartitionRead(FetchTarget target, PartitionData data, int bytes) {
}
