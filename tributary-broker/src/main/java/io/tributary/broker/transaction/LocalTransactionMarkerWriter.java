package io.tributary.broker.transaction;

import io.tributary.broker.partition.PartitionManager;
import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.coordinator.transaction.TransactionMarkerWriter;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes transaction markers into the partitions this broker leads. A marker in a {@code __consumer_offsets}
 * partition also completes the transactional offsets the group coordinator holds for that producer.
 */
public final class LocalTransactionMarkerWriter implements TransactionMarkerWriter {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTransactionMarkerWriter.class);

    private final PartitionManager partitions;
    private final GroupCoordinator groups;

    public LocalTransactionMarkerWriter(PartitionManager partitions, GroupCoordinator groups) {
        this.partitions = partitions;
        this.groups = groups;
    }

    @Override
    public CompletableFuture<Errors> writeMarker(TopicPartition partition, long producerId, short producerEpoch,
                                                 int coordinatorEpoch, boolean commit, short transactionVersion) {
        // The version only travels in WriteTxnMarkers v2; the partition fences markers by epochs alone.
        try {
            return partitions.leader(partition)
                    .appendTxnMarker(producerId, producerEpoch, coordinatorEpoch, commit)
                    .thenApply(result -> {
                        if (Topic.GROUP_METADATA_TOPIC_NAME.equals(partition.topic())) {
                            groups.onTransactionCompleted(partition.partition(), producerId, commit);
                        }
                        return Errors.NONE;
                    })
                    .exceptionally(e -> errorOf(partition, e.getCause() != null ? e.getCause() : e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(errorOf(partition, e));
        }
    }

    private static Errors errorOf(TopicPartition partition, Throwable e) {
        if (!(e instanceof ApiException)) {
            LOG.error("Writing a transaction marker to {} failed", partition, e);
        }
        return Errors.forException(e);
    }
}
