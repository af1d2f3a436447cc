package io.tributary.broker.fetch;

import io.tributary.metadata.image.MetadataImage;
import java.util.function.Supplier;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.network.FileRegionRecords;
import io.tributary.storage.api.ReadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What consumer and follower fetches share on the leader: byte limits, the leader checks, refusals. */
final class LeaderReads {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderReads.class);

    /** Reads one partition within {@code maxBytes}; {@code minOneBatch}: it may exceed them by one batch. */
    interface PartitionReading {
        PartitionRead read(FetchTarget target, int maxBytes, boolean minOneBatch);
    }

    private LeaderReads() {
    }

    /** Reads in order; like Kafka (KIP-74) the first partition with data may exceed the limits by one batch. */
    static List<PartitionRead> readInOrder(List<FetchTarget> targets, int responseMaxBytes, PartitionReading reading) {
        List<PartitionRead> reads = new ArrayList<>(targets.size());
        int remaining = Math.max(responseMaxBytes, 0);
        boolean nothingReadYet = true;
        for (FetchTarget target : targets) {
            PartitionRead read = reading.read(target, Math.min(target.params().maxBytes, remaining), nothingReadYet);
            reads.add(read);
            if (read.bytes() > 0) {
                nothingReadYet = false;
                remaining = Math.max(0, remaining - read.bytes());
            }
        }
        return reads;
    }

    /**
     * The partition if this broker leads it in the epoch the fetcher names; otherwise null, with {@code data}
     * set to the refusal. As Kafka: the epoch first (a stale or newer view), then the role.
     */
    static Partition leaderOrRefuse(PartitionManager partitions, Supplier<MetadataImage> image, FetchTarget target,
                                    PartitionData data) {
        return replicaOrRefuse(partitions, image, target, data, true);
    }

    /**
     * Same, where {@code leaderOnly} false lets a follower replica serve too (a consumer's Fetch v11+, KIP-392):
     * then only an epoch mismatch or a partition not hosted here refuses.
     */
    static Partition replicaOrRefuse(PartitionManager partitions, Supplier<MetadataImage> image, FetchTarget target,
                                     PartitionData data, boolean leaderOnly) {
        Errors refusal;
        Partition partition = null;
        if (target.topicUnknown()) {
            refusal = Errors.UNKNOWN_TOPIC_ID;
        } else {
            Optional<Partition> found = partitions.get(target.partition().topicPartition());
            if (found.isEmpty()) {
                refusal = existsInMetadata(image.get(), target) ? Errors.NOT_LEADER_OR_FOLLOWER
                        : Errors.UNKNOWN_TOPIC_OR_PARTITION;
            } else {
                partition = found.get();
                refusal = partition.checkLeaderEpoch(target.params().currentLeaderEpoch);
                if (refusal == Errors.NONE && leaderOnly && !partition.isLeader()) {
                    refusal = Errors.NOT_LEADER_OR_FOLLOWER;
                }
            }
        }
        if (refusal == Errors.NONE) {
            return partition;
        }
        refuse(data, refusal);
        return null;
    }

    /**
     * A partition the cluster has but this broker holds no replica of: as Kafka, the client is told to refresh its
     * metadata (NOT_LEADER_OR_FOLLOWER), not that the partition does not exist.
     */
    private static boolean existsInMetadata(MetadataImage image, FetchTarget target) {
        return image.topics().get(target.partition().topic())
                .flatMap(topic -> topic.partition(target.partition().partition())).isPresent();
    }

    /** A read's record set as the response carries it: a file region, sent zero-copy, or nothing. */
    static BaseRecords recordsOf(ReadResult result) {
        return result.sizeInBytes() == 0 ? MemoryRecords.EMPTY
                : new FileRegionRecords(result.channel(), result.position(), result.sizeInBytes());
    }

    /** A read that threw: Kafka's code for an expected error; anything else is logged and UNKNOWN_SERVER_ERROR. */
    static PartitionRead failed(FetchTarget target, PartitionData data, RuntimeException e, String reader) {
        if (e instanceof ApiException) {
            return error(target, data, Errors.forException(e));
        }
        LOG.error("Error reading {} for {}", target.partition(), reader, e);
        return error(target, data, Errors.UNKNOWN_SERVER_ERROR);
    }

    static PartitionRead error(FetchTarget target, PartitionData data, Errors error) {
        refuse(data, error);
        return new PartitionRead(target, data, 0);
    }

    private static void refuse(PartitionData data, Errors error) {
        data.setErrorCode(error.code())
                .setHighWatermark(-1)
                .setLastStableOffset(-1)
                .setLogStartOffset(-1)
                .setRecords(MemoryRecords.EMPTY);
    }
}
