package io.tributary.broker.cluster;

import io.tributary.broker.controller.ControllerChannel;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;

/**
 * Auto topic creation through the active controller: a CreateTopics with the cluster defaults (-1 partitions
 * and replication factor), as a Kafka broker sends on a Metadata request for a missing topic.
 */
public final class ChannelTopicAutoCreator implements TopicAutoCreator {

    private final ControllerChannel controller;

    public ChannelTopicAutoCreator(ControllerChannel controller) {
        this.controller = controller;
    }

    @Override
    public CompletionStage<Void> create(String topic) {
        CreateTopicsRequestData request = new CreateTopicsRequestData().setTimeoutMs(30_000);
        request.topics().add(new CreatableTopic().setName(topic).setNumPartitions(-1)
                .setReplicationFactor((short) -1));
        return controller.send(new CreateTopicsRequest.Builder(request).build()).thenAccept(response -> {
            CreatableTopicResult result = ((CreateTopicsResponse) response).data().topics().find(topic);
            Errors error = result == null ? Errors.UNKNOWN_SERVER_ERROR : Errors.forCode(result.errorCode());
            if (error != Errors.NONE && error != Errors.TOPIC_ALREADY_EXISTS) {
                throw error.exception(result == null ? null : result.errorMessage());
            }
        });
    }
}
