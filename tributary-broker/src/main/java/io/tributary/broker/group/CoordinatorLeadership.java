package io.tributary.broker.group;

import io.tributary.broker.partition.LeadershipListener;
import io.tributary.broker.partition.Partition;
import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.coordinator.runtime.PartitionedCoordinator;
import io.tributary.coordinator.share.ShareGroupCoordinator;
import io.tributary.coordinator.transaction.TransactionCoordinator;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.MetadataListener;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;

/**
 * Moves the coordinators with the leadership of their internal partitions ({@code __consumer_offsets} for
 * groups, consumer and share, {@code __transaction_state} for transactions, {@code __share_group_state} for
 * share-partition states), and tells the group coordinator when topics change so
 * that server-side assignments can follow.
 */
public final class CoordinatorLeadership implements LeadershipListener, MetadataListener {

    private final GroupCoordinator groups;
    private final TransactionCoordinator transactions;
    private final ShareCoordinators shares;

    /** The share group coordinators, which follow {@code __consumer_offsets} and {@code __share_group_state}. */
    public record ShareCoordinators(ShareGroupCoordinator groups, PartitionedCoordinator states) {
    }

    public CoordinatorLeadership(GroupCoordinator groups, TransactionCoordinator transactions) {
        this(groups, transactions, null);
    }

    /** @param shares null when share groups are not served */
    public CoordinatorLeadership(GroupCoordinator groups, TransactionCoordinator transactions,
                                 ShareCoordinators shares) {
        this.groups = groups;
        this.transactions = transactions;
        this.shares = shares;
    }

    @Override
    public void onBecomeLeader(Partition partition) {
        PartitionedCoordinator coordinator = coordinatorOf(partition.topicPartition().topic());
        if (coordinator != null) {
            coordinator.onElection(partition.topicPartition().partition(), new PartitionCoordinatorLog(partition));
        }
        if (shares != null && Topic.GROUP_METADATA_TOPIC_NAME.equals(partition.topicPartition().topic())) {
            shares.groups().onElection(partition.topicPartition().partition(), new PartitionCoordinatorLog(partition));
        }
    }

    @Override
    public void onStopLeading(TopicPartition partition) {
        PartitionedCoordinator coordinator = coordinatorOf(partition.topic());
        if (coordinator != null) {
            coordinator.onResignation(partition.partition());
        }
        if (shares != null && Topic.GROUP_METADATA_TOPIC_NAME.equals(partition.topic())) {
            shares.groups().onResignation(partition.partition());
        }
    }

    /** The coordinator whose state lives in this internal topic; null for any other topic. */
    private PartitionedCoordinator coordinatorOf(String topic) {
        return Topic.GROUP_METADATA_TOPIC_NAME.equals(topic) ? groups
                : Topic.TRANSACTION_STATE_TOPIC_NAME.equals(topic) ? transactions
                : shares != null && Topic.SHARE_GROUP_STATE_TOPIC_NAME.equals(topic) ? shares.states() : null;
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        if (delta == null || !delta.createdTopics().isEmpty() || !delta.deletedTopics().isEmpty()
                || !delta.createdPartitions().isEmpty()) {
            groups.onTopicsChanged();
            if (shares != null) {
                shares.groups().onTopicsChanged();
            }
        }
    }
}
