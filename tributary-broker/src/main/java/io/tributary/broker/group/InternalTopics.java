package io.tributary.broker.group;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.controller.ControllerRequests;
import io.tributary.broker.partition.TopicLookup;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;

/**
 * Creates the coordinators' internal topics on first use, as Kafka does when the first FindCoordinator for them
 * arrives: compacted, sized by the offsets.topic.*, transaction.state.log.* and share.coordinator.state.topic.*
 * settings.
 */
public final class InternalTopics {

    /**
     * How one internal topic is created.
     *
     * @param minInsyncReplicas its own min.insync.replicas; empty: the broker's, as Kafka's {@code __consumer_offsets}
     */
    public record Spec(int partitions, short replicationFactor, int segmentBytes, OptionalInt minInsyncReplicas) {
    }

    private final ControllerChannel controller;
    private final TopicLookup topics;
    private final Spec offsets;
    private final Spec transactionState;
    private final Spec shareState;

    public InternalTopics(ControllerChannel controller, TopicLookup topics, Spec offsets, Spec transactionState) {
        this(controller, topics, offsets, transactionState, null);
    }

    /** @param shareState how {@code __share_group_state} is created; null when share groups are not served */
    public InternalTopics(ControllerChannel controller, TopicLookup topics, Spec offsets, Spec transactionState,
                          Spec shareState) {
        this.shareState = shareState;
        this.controller = controller;
        this.topics = topics;
        this.offsets = offsets;
        this.transactionState = transactionState;
    }

    /** Completes when {@code __consumer_offsets} exists; exceptionally if it can't be created. */
    public CompletionStage<Void> ensureOffsetsTopic() {
        return ensure(Topic.GROUP_METADATA_TOPIC_NAME, offsets);
    }

    /** Completes when {@code __transaction_state} exists; exceptionally if it can't be created. */
    public CompletionStage<Void> ensureTransactionStateTopic() {
        return ensure(Topic.TRANSACTION_STATE_TOPIC_NAME, transactionState);
    }

    /** Completes when {@code __share_group_state} exists; exceptionally if it can't be created. */
    public CompletionStage<Void> ensureShareStateTopic() {
        if (shareState == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Share groups are not served"));
        }
        return ensure(Topic.SHARE_GROUP_STATE_TOPIC_NAME, shareState);
    }

    private CompletionStage<Void> ensure(String name, Spec spec) {
        if (topics.byName(name).isPresent()) {
            return CompletableFuture.completedFuture(null);
        }
        CreatableTopic topic = new CreatableTopic()
                .setName(name)
                .setNumPartitions(spec.partitions())
                .setReplicationFactor(spec.replicationFactor());
        Map<String, String> configs = new TreeMap<>(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(spec.segmentBytes()),
                TopicConfig.COMPRESSION_TYPE_CONFIG, "producer"));
        spec.minInsyncReplicas().ifPresent(minIsr ->
                configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minIsr)));
        configs.forEach((key, value) -> topic.configs().add(new CreatableTopicConfig().setName(key).setValue(value)));
        return ControllerRequests.createTopic(controller, topic);
    }
}
