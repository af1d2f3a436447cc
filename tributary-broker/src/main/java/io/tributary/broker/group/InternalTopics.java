package io.tributary.broker.group;

import io.tributary.metadata.MetadataController;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.protocol.Errors;

/**
 * Creates {@code __consumer_offsets} on first use, as Kafka does when the first FindCoordinator arrives:
 * compacted, with the partition count and replication factor of the offsets.topic.* settings.
 */
public final class InternalTopics {

    private final MetadataController controller;
    private final int partitions;
    private final short replicationFactor;
    private final int segmentBytes;

    public InternalTopics(MetadataController controller, int partitions, short replicationFactor, int segmentBytes) {
        this.controller = controller;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.segmentBytes = segmentBytes;
    }

    /** Completes when the offsets topic exists; exceptionally if it can't be created (e.g. too few brokers). */
    public CompletionStage<Void> ensureOffsetsTopic() {
        if (controller.image().topics().get(Topic.GROUP_METADATA_TOPIC_NAME).isPresent()) {
            return CompletableFuture.completedFuture(null);
        }
        CreatableTopic topic = new CreatableTopic()
                .setName(Topic.GROUP_METADATA_TOPIC_NAME)
                .setNumPartitions(partitions)
                .setReplicationFactor(replicationFactor);
        topic.configs().add(config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        topic.configs().add(config(TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(segmentBytes)));
        topic.configs().add(config(TopicConfig.COMPRESSION_TYPE_CONFIG, "producer"));
        CreateTopicsRequestData request = new CreateTopicsRequestData().setTimeoutMs(30_000);
        request.topics().add(topic);
        return controller.createTopics(request).thenAccept(response -> {
            Errors error = Errors.forCode(response.topics().find(Topic.GROUP_METADATA_TOPIC_NAME).errorCode());
            if (error != Errors.NONE && error != Errors.TOPIC_ALREADY_EXISTS) {
                throw error.exception("Cannot create " + Topic.GROUP_METADATA_TOPIC_NAME + ": " + error.message());
            }
        });
    }

    private static CreatableTopicConfig config(String name, String value) {
        return new CreatableTopicConfig().setName(name).setValue(value);
    }
}
