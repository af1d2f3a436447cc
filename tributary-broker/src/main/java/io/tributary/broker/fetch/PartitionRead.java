package io.tributary.broker.fetch;

import org.apache.kafka.common.message.FetchResponseData.PartitionData;

/**
 * The outcome of reading one partition: the response entry and the bytes it carries. {@code answerNow} marks an
 * entry that must not wait for more data (a follower's diverging epoch, a high watermark the follower has not been
 * told, a consumer sent to a preferred read replica).
 */
record PartitionRead(FetchTarget target, PartitionData data, int bytes, boolean answerNow) {

    PartitionRead(FetchTarget target, PartitionData data, int bytes) {
        this(target, data, bytes, false);
    }
}
