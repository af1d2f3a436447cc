package io.tributary.broker.fetch;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.storage.api.ReadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;

/**
 * Reads the partitions of a fetch within the request's byte limits. Data is never copied: each partition's
 * answer is a file region that the network sends with sendfile.
 */
final class PartitionReader {

    private static final String ZSTD = "zstd";

    private final PartitionManager partitions;

    PartitionReader(PartitionManager partitions) {
        this.partitions = partitions;
    }

    /**
     * Reads in order within the byte limits (KIP-74). Without {@code readsZstd} (a fetch older than v10), a topic
     * whose {@code compression.type} is zstd is answered UNSUPPORTED_COMPRESSION_TYPE, as Kafka does.
     */
    List<PartitionRead> readAll(List<FetchTarget> targets, int responseMaxBytes, IsolationLevel isolation,
                                boolean readsZstd) {
        return readAll(targets, responseMaxBytes, isolation, readsZstd, Set.of());
    }

    /** Same, answering the partitions of {@code deniedTopics} TOPIC_AUTHORIZATION_FAILED without reading them. */
    List<PartitionRead> readAll(List<FetchTarget> targets, int responseMaxBytes, IsolationLevel isolation,
                                boolean readsZstd, Set<String> deniedTopics) {
        return LeaderReads.readInOrder(targets, responseMaxBytes, (target, maxBytes, minOneBatch) ->
                !deniedTopics.isEmpty() && deniedTopics.contains(target.partition().topic())
                        ? LeaderReads.error(target, new PartitionData()
                                .setPartitionIndex(target.partition().partition()), Errors.TOPIC_AUTHORIZATION_FAILED)
                        : read(target, maxBytes, minOneBatch, isolation, readsZstd));
    }

    private PartitionRead read(FetchTarget target, int maxBytes, boolean minOneBatch, IsolationLevel isolation,
                               boolean readsZstd) {
        PartitionData data = new PartitionData().setPartitionIndex(target.partition().partition());
        Partition partition = LeaderReads.leaderOrRefuse(partitions, target, data);
        if (partition == null) {
            return new PartitionRead(target, data, 0);
        }
        if (!readsZstd && ZSTD.equals(partition.logConfig().compressionType())) {
            return LeaderReads.error(target, data, Errors.UNSUPPORTED_COMPRESSION_TYPE);
        }
        try {
            long highWatermark = partition.highWatermark();
            long lastStable = Math.min(partition.lastStableOffset(), highWatermark);
            long upperBound = isolation == IsolationLevel.READ_COMMITTED ? lastStable : highWatermark;
            ReadResult result = partition.read(target.params().fetchOffset, maxBytes, upperBound,
                    minOneBatch && maxBytes > 0);
            data.setHighWatermark(highWatermark)
                    .setLastStableOffset(lastStable)
                    .setLogStartOffset(result.logStartOffset())
                    .setAbortedTransactions(isolation != IsolationLevel.READ_COMMITTED ? null
                            : result.sizeInBytes() == 0 ? new ArrayList<>()
                            // Up to the LSO: a superset of what this data needs, which clients accept.
                            : partition.abortedTransactions(target.params().fetchOffset, upperBound))
                    .setRecords(LeaderReads.recordsOf(result));
            return new PartitionRead(target, data, result.sizeInBytes());
        } catch (RuntimeException e) {
            return LeaderReads.failed(target, data, e, "a consumer");
        }
    }
}
