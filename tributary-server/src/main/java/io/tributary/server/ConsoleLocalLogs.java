package io.tributary.server;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.console.broker.LocalLogs;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.Records;

/**
 * The console's view of the replicas this node holds, for message search next to the log. Reads go through
 * {@link Partition#read} like a consumer's fetch, bounded by the high watermark the caller passes. A replica that
 * is deleted or moved away during a search fails its next read instead of serving a stale log.
 */
final class ConsoleLocalLogs implements LocalLogs {

    private final PartitionManager partitions;

    ConsoleLocalLogs(PartitionManager partitions) {
        this.partitions = partitions;
    }

    @Override
    public Optional<LocalPartition> partition(TopicPartition tp) {
        if (partitions.isOffline(tp)) {
            return Optional.empty();
        }
        return partitions.get(tp).map(partition -> new Replica(partitions, partition));
    }

    private record Replica(PartitionManager partitions, Partition partition) implements LocalPartition {

        @Override
        public long logStartOffset() {
            return partition.logStartOffset();
        }

        @Override
        public long highWatermark() {
            return partition.highWatermark();
        }

        @Override
        public Records read(long offset, int maxBytes, long maxOffsetExclusive) {
            TopicPartition tp = partition.topicPartition();
            if (partitions.get(tp).orElse(null) != partition || partitions.isOffline(tp)) {
                throw new IllegalStateException(tp + " is no longer hosted on this node");
            }
            // At least one whole batch, so a batch larger than maxBytes does not stall the scan.
            long upTo = Math.min(maxOffsetExclusive, partition.highWatermark());
            return partition.read(offset, maxBytes, upTo, true).records();
        }
    }
}
