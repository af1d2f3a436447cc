package io.tributary.server.metrics;

import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.ProduceResponse;

/**
 * {@code ErrorsPerSec} counts every error code of a response, as {@link AbstractResponse#errorCounts()} lists them.
 * That method builds a map over every partition; for Produce and Fetch, answered thousands of times a second and
 * nearly always without an error, this walks the partitions without allocating and reports the count of NONE.
 */
final class ErrorTally {

    private ErrorTally() {
    }

    /**
     * The number of NONE errors {@code errorCounts()} would report when it would report nothing else; -1 when the
     * response holds another error or is of another kind (then use {@code errorCounts()}).
     */
    static int countIfAllNone(AbstractResponse response) {
        if (response instanceof FetchResponse fetch) {
            FetchResponseData data = fetch.data();
            if (data.errorCode() != 0) {
                return -1;
            }
            int none = 1; // the top-level error counts too
            for (FetchResponseData.FetchableTopicResponse topic : data.responses()) {
                for (FetchResponseData.PartitionData partition : topic.partitions()) {
                    if (partition.errorCode() != 0) {
                        return -1;
                    }
                    none++;
                }
            }
            return none;
        }
        if (response instanceof ProduceResponse produce) {
            int none = 0;
            for (ProduceResponseData.TopicProduceResponse topic : produce.data().responses()) {
                for (ProduceResponseData.PartitionProduceResponse partition : topic.partitionResponses()) {
                    if (partition.errorCode() != 0) {
                        return -1;
                    }
                    none++;
                }
            }
            return none;
        }
        return -1;
    }
}
