package io.tributary.broker.fetch;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.storage.api.ReadResult;
import io.tributary.metadata.image.MetadataImage;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.replica.ClientMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;

/**
 * Reads the partitions of a consumer's fetch within the request's byte limits. Data is never copied: each
 * partition's answer is a file region that the network sends with sendfile. A follower replica serves a Fetch v11+
 * up to its own high watermark (KIP-392); a leader with a {@code replica.selector.class} may answer a partition
 * with a preferred read replica instead of records.
 */
final class PartitionReader {

    private static final String ZSTD = "zstd";

    private final PartitionManager partitions;
    private final PreferredReadReplicas readReplicas;
    private final Supplier<MetadataImage> image;

    PartitionReader(PartitionManager partitions, PreferredReadReplicas readReplicas, Supplier<MetadataImage> image) {
        this.partitions = partitions;
        this.readReplicas = readReplicas;
        this.image = image;
    }

    /** Whether a {@code replica.selector.class} may send consumers to a preferred read replica. */
    boolean selectsReadReplicas() {
        return readReplicas.enabled();
    }

    /**
     * Reads in order within the byte limits (KIP-74). Without {@code readsZstd} (a fetch older than v10), a topic
     * whose {@code compression.type} is zstd is answered UNSUPPORTED_COMPRESSION_TYPE, as Kafka does. The
     * partitions of {@code deniedTopics} are answered TOPIC_AUTHORIZATION_FAILED without reading them.
     * {@code followerReads}: a Fetch v11+ consumer, which may read from followers (KIP-392); {@code client}: its
     * metadata when a {@code replica.selector.class} may send it to a preferred read replica, else null.
     */
    List<PartitionRead> readAll(List<FetchTarget> targets, int responseMaxBytes, IsolationLevel isolation,
                                boolean readsZstd, Set<String> deniedTopics, boolean followerReads,
                                ClientMetadata client) {
        long nowMs = client != null ? System.currentTimeMillis() : 0L;
        return LeaderReads.readInOrder(targets, responseMaxBytes, (target, maxBytes, minOneBatch) ->
                !deniedTopics.isEmpty() && deniedTopics.contains(target.partition().topic())
                        ? LeaderReads.error(target, new PartitionData()
                                .setPartitionIndex(target.partition().partition()), Errors.TOPIC_AUTHORIZATION_FAILED)
                        : read(target, maxBytes, minOneBatch, isolation, readsZstd, followerReads, client, nowMs));
    }

    private PartitionRead read(FetchTarget target, int maxBytes, boolean minOneBatch, IsolationLevel isolation,
                               boolean readsZstd, boolean followerReads, ClientMetadata client, long nowMs) {
        PartitionData data = new PartitionData().setPartitionIndex(target.partition().partition());
        Partition partition = LeaderReads.replicaOrRefuse(partitions, image, target, data, !followerReads);
        if (partition == null) {
            return new PartitionRead(target, data, 0);
        }
        if (!readsZstd && ZSTD.equals(partition.logConfig().compressionType())) {
            return LeaderReads.error(target, data, Errors.UNSUPPORTED_COMPRESSION_TYPE);
        }
        try {
            if (client != null) {
                OptionalInt preferred = readReplicas.select(partition, target.params().fetchOffset, client,
                        image.get(), nowMs);
                if (preferred.isPresent()) {
                    return redirected(target, data, partition, preferred.getAsInt());
                }
            }
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

    /** The leader's answer naming the replica to read from instead: offsets, no records, answered at once. */
    private static PartitionRead redirected(FetchTarget target, PartitionData data, Partition partition,
                                            int preferredReplica) {
        long highWatermark = partition.highWatermark();
        data.setPreferredReadReplica(preferredReplica)
                .setHighWatermark(highWatermark)
                .setLastStableOffset(Math.min(partition.lastStableOffset(), highWatermark))
                .setLogStartOffset(partition.logStartOffset())
                .setRecords(MemoryRecords.EMPTY);
        return new PartitionRead(target, data, 0, true);
    }
}
