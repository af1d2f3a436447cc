package io.tributary.broker.group;

import io.tributary.broker.partition.LeadershipListener;
import io.tributary.broker.partition.Partition;
import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.metadata.MetadataDelta;
import io.tributary.metadata.MetadataImage;
import io.tributary.metadata.MetadataListener;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;

/**
 * Moves the group coordinator with the leadership of {@code __consumer_offsets} partitions, and tells it when
 * topics change so that server-side assignments can follow.
 */
public final class CoordinatorLeadership implements LeadershipListener, MetadataListener {

    private final GroupCoordinator groups;

    public CoordinatorLeadership(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public void onBecomeLeader(Partition partition) {
        if (isOffsetsTopic(partition.topicPartition())) {
            groups.onElection(partition.topicPartition().partition(), new PartitionCoordinatorLog(partition));
        }
    }

    @Override
    public void onStopLeading(TopicPartition partition) {
        if (isOffsetsTopic(partition)) {
            groups.onResignation(partition.partition());
        }
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        if (delta == null || !delta.createdTopics().isEmpty() || !delta.deletedTopics().isEmpty()
                || !delta.createdPartitions().isEmpty()) {
            groups.onTopicsChanged();
        }
    }

    private static boolean isOffsetsTopic(TopicPartition tp) {
        return Topic.GROUP_METADATA_TOPIC_NAME.equals(tp.topic());
    }
}
