package io.tributary.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.ProduceResponse;
import org.junit.jupiter.api.Test;

/** The allocation-free count agrees with Kafka's own {@code errorCounts()}. */
class ErrorTallyTest {

    @Test
    void anErrorFreeFetchCountsItsTopLevelErrorAndEveryPartition() {
        FetchResponse response = FetchResponse.of(fetch(Errors.NONE, Errors.NONE, Errors.NONE));
        assertThat(ErrorTally.countIfAllNone(response)).isEqualTo(response.errorCounts().get(Errors.NONE)).isEqualTo(4);
    }

    @Test
    void aFetchWithAnErrorFallsBackToErrorCounts() {
        assertThat(ErrorTally.countIfAllNone(FetchResponse.of(fetch(Errors.NONE, Errors.NOT_LEADER_OR_FOLLOWER))))
                .isEqualTo(-1);
    }

    @Test
    void anErrorFreeProduceCountsEveryPartition() {
        ProduceResponseData data = new ProduceResponseData();
        ProduceResponseData.TopicProduceResponse topic = new ProduceResponseData.TopicProduceResponse().setName("t");
        for (int i = 0; i < 3; i++) {
            topic.partitionResponses().add(new ProduceResponseData.PartitionProduceResponse().setIndex(i));
        }
        data.responses().add(topic);
        ProduceResponse response = new ProduceResponse(data);
        assertThat(ErrorTally.countIfAllNone(response)).isEqualTo(response.errorCounts().get(Errors.NONE)).isEqualTo(3);

        topic.partitionResponses().add(new ProduceResponseData.PartitionProduceResponse().setIndex(3)
                .setErrorCode(Errors.CORRUPT_MESSAGE.code()));
        assertThat(ErrorTally.countIfAllNone(response)).isEqualTo(-1);
        assertThat(response.errorCounts()).isEqualTo(Map.of(Errors.NONE, 3, Errors.CORRUPT_MESSAGE, 1));
    }

    @Test
    void otherResponsesUseErrorCounts() {
        assertThat(ErrorTally.countIfAllNone(new ApiVersionsResponse(new ApiVersionsResponseData()))).isEqualTo(-1);
    }

    private static FetchResponseData fetch(Errors... partitionErrors) {
        FetchResponseData.FetchableTopicResponse topic = new FetchResponseData.FetchableTopicResponse().setTopic("t");
        for (int i = 0; i < partitionErrors.length; i++) {
            topic.partitions().add(new FetchResponseData.PartitionData().setPartitionIndex(i)
                    .setErrorCode(partitionErrors[i].code()));
        }
        FetchResponseData data = new FetchResponseData();
        data.responses().add(topic);
        return data;
    }
}
