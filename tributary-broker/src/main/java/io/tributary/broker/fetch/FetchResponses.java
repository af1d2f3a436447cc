package io.tributary.broker.fetch;

import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.protocol.Errors;

/** Assembles fetch responses, grouping consecutive partitions of one topic as the protocol expects. */
final class FetchResponses {

    private FetchResponses() {
    }

    static FetchResponseData of(int sessionId, List<PartitionRead> reads) {
        FetchResponseData response = new FetchResponseData().setSessionId(sessionId);
        FetchableTopicResponse current = null;
        for (PartitionRead read : reads) {
            String name = read.target().partition().topic();
            Uuid id = read.target().partition().topicId();
            if (current == null || !current.topicId().equals(id) || !sameName(current.topic(), name)) {
                current = new FetchableTopicResponse().setTopic(name == null ? "" : name).setTopicId(id);
                response.responses().add(current);
            }
            current.partitions().add(read.data());
        }
        return response;
    }

    static FetchResponseData error(Errors error) {
        return new FetchResponseData().setErrorCode(error.code()).setSessionId(0);
    }

    private static boolean sameName(String a, String b) {
        return a.equals(b == null ? "" : b);
    }
}
