package io.tributary.broker.cluster;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.controller.ControllerRequests;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;

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
        return ControllerRequests.createTopic(controller, new CreatableTopic().setName(topic).setNumPartitions(-1)
                .setReplicationFactor((short) -1));
    }
}
