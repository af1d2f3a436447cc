package io.tributary.broker.share;

import io.tributary.broker.cluster.ClusterView;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.coordinator.share.SharePartitionKey;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import java.util.Optional;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;

/**
 * How the share handlers reach a share-partition: the topic id resolved through the metadata image, the
 * partition led here (share fetches are served by leaders only, as Kafka), and its share state.
 */
final class SharePartitions {

    /** A share-partition led here, or the error (and current leader) to answer with. */
    record Resolved(Errors error, SharePartition sharePartition, Partition partition, int leaderId,
                    int leaderEpoch) {
    }

    private final SharePartitionManager manager;
    private final PartitionManager partitions;
    private final TopicLookup topics;
    private final ClusterView cluster;

    SharePartitions(SharePartitionManager manager, PartitionManager partitions, TopicLookup topics,
                    ClusterView cluster) {
        this.manager = manager;
        this.partitions = partitions;
        this.topics = topics;
        this.cluster = cluster;
    }

    SharePartitionManager manager() {
        return manager;
    }

    /** The request's topic id and partition, named as the image names it ("" for an unknown id). */
    TopicIdPartition id(Uuid topicId, int partition) {
        String name = topics.byId(topicId).map(TopicImage::name).orElse("");
        return new TopicIdPartition(topicId, new TopicPartition(name, partition));
    }

    Resolved resolve(String groupId, TopicIdPartition id) {
        Optional<TopicImage> topic = topics.byId(id.topicId());
        if (topic.isEmpty()) {
            return new Resolved(Errors.UNKNOWN_TOPIC_ID, null, null, -1, -1);
        }
        Optional<PartitionRegistration> registration = topic.get().partition(id.partition());
        if (registration.isEmpty()) {
            return new Resolved(Errors.UNKNOWN_TOPIC_OR_PARTITION, null, null, -1, -1);
        }
        Partition partition;
        try {
            partition = partitions.leader(id.topicPartition());
        } catch (ApiException e) {
            return new Resolved(Errors.forException(e), null, null, registration.get().leader(),
                    registration.get().leaderEpoch());
        }
        SharePartition share = manager.get(new SharePartitionKey(groupId, id.topicId(), id.partition()), partition);
        return new Resolved(Errors.NONE, share, partition, partition.leaderId(), partition.leaderEpoch());
    }

    Optional<Node> node(int brokerId, String listenerName) {
        return brokerId < 0 ? Optional.empty() : cluster.broker(brokerId, listenerName);
    }
}
