package io.tributary.broker.group;

import io.tributary.broker.partition.LeadershipListener;
import io.tributary.broker.partition.Partition;
import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.coordinator.transaction.TransactionCoordinator;
import io.tributary.metadata.MetadataDelta;
import io.tributary.metadata.MetadataImage;
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
        String topic = partition.topicPartition().topic();
        int index = partition.topicPartition().partition();
        if (Topic.GROUP_METADATA_TOPIC_NAME.equals(topic)) {
            groups.onElection(index, new PartitionCoordinatorLog(partition));
        } else if (Topic.TRANSACTION_STATE_TOPIC_NAME.equals(topic)) {
            transactions.onElection(index, new PartitionCoordinatorLog(partition));
        }
    }

    @Override
    public void onStopLeading(TopicPartition partition) {
        if (Topic.GROUP_METADATA_TOPIC_NAME.equals(partition.topic())) {
            groups.onResignation(partition.partition());
        } else if (Topic.TRANSACTION_STATE_TOPIC_NAME.equals(partition.topic())) {
            transactions.onResignation(partition.partition());
        }
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        if (delta == null || !delta.createdTopics().isEmpty() || !delta.deletedTopics().isEmpty()
                || !delta.createdPartitions().isEmpty()) {
            groups.onTopicsChanged();
        }
    }
}
