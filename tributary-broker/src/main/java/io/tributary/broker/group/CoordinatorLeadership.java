package io.tributary.broker.group;

import io.tributary.broker.partition.LeadershipListener;
import io.tributary.broker.partition.Partition;
import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.coordinator.runtime.PartitionedCoordinator;
import io.tributary.coordinator.transaction.TransactionCoordinator;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.MetadataListener;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;

/**
 * Moves the coordinators with the leadership of their internal partitions ({@code __consumer_offsets} for
 * groups, {@code __transaction_state} for transactions), and tells the group coordinator when topics change so
 * that server-side assignments can follow.
 */
public final class CoordinatorLeadership implements LeadershipListener, MetadataListener {

    private final GroupCoordinator groups;
    private final TransactionCoordinator transactions;

    public CoordinatorLeadership(GroupCoordinator groups, TransactionCoordinator transactions) {
        this.groups = groups;
        this.transactions = transactions;
    }

    @Override
    public void onBecomeLeader(Partition partition) {
        PartitionedCoordinator coordinator = coordinatorOf(partition.topicPartition().topic());
        if (coordinator != null) {
            coordinator.onElection(partition.topicPartition().partition(), new PartitionCoordinatorLog(partition));
        }
    }

    @Override
    public void onStopLeading(TopicPartition partition) {
        PartitionedCoordinator coordinator = coordinatorOf(partition.topic());
        if (coordinator != null) {
            coordinator.onResignation(partition.partition());
        }
    }

    /** The coordinator whose state lives in this internal topic; null for any other topic. */
    private PartitionedCoordinator coordinatorOf(String topic) {
        return Topic.GROUP_METADATA_TOPIC_NAME.equals(topic) ? groups
                : Topic.TRANSACTION_STATE_TOPIC_NAME.equals(topic) ? transactions : null;
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        if (delta == null || !delta.createdTopics().isEmpty() || !delta.deletedTopics().isEmpty()
                || !delta.createdPartitions().isEmpty()) {
            groups.onTopicsChanged();
        }
    }
}
