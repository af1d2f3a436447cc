package io.tributary.broker.fetch;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.network.FileRegionRecords;
import io.tributary.storage.ReadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the partitions of a fetch within the request's byte limits. Data is never copied: each partition's
 * answer is a file region that the network sends with sendfile.
 */
final class PartitionReader {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionReader.class);

    private final PartitionManager partitions;

    PartitionReader(PartitionManager partitions) {
        this.partitions = partitions;
    }

    /** Reads in order; like Kafka (KIP-74) the first partition with data may exceed the limits by one batch. */
    List<PartitionRead> readAll(List<FetchTarget> targets, int responseMaxBytes, IsolationLevel isolation) {
        List<PartitionRead> reads = new ArrayList<>(targets.size());
        int remaining = Math.max(responseMaxBytes, 0);
        boolean nothingReadYet = true;
        for (FetchTarget target : targets) {
            int limit = Math.min(target.params().maxBytes, remaining);
            PartitionRead read = read(target, limit, nothingReadYet, isolation);
            reads.add(read);
            if (read.bytes() > 0) {
                nothingReadYet = false;
                remaining = Math.max(0, remaining - read.bytes());
            }
        }
        return reads;
    }

    private PartitionRead read(FetchTarget target, int maxBytes, boolean minOneBatch, IsolationLevel isolation) {
        PartitionData data = new PartitionData().setPartitionIndex(target.partition().partition());
        if (target.topicUnknown()) {
            return error(target, data, Errors.UNKNOWN_TOPIC_ID);
        }
        Optional<Partition> found = partitions.get(target.partition().topicPartition());
        if (found.isEmpty()) {
            return error(target, data, Errors.UNKNOWN_TOPIC_OR_PARTITION);
        }
        Partition partition = found.get();
        // As Kafka: the epoch first (a stale or newer view), then the role.
        Errors epochError = partition.checkLeaderEpoch(target.params().currentLeaderEpoch);
        if (epochError != Errors.NONE) {
            return error(target, data, epochError);
        }
        if (!partition.isLeader()) {
            return error(target, data, Errors.NOT_LEADER_OR_FOLLOWER); // no fetch from followers (KIP-392)
        }
        try {
            long highWatermark = partition.highWatermark();
            long lastStable = Math.min(partition.log().lastStableOffset(), highWatermark);
            long upperBound = isolation == IsolationLevel.READ_COMMITTED ? lastStable : highWatermark;
            ReadResult result = partition.log().read(target.params().fetchOffset, maxBytes, upperBound,
                    minOneBatch && maxBytes > 0);
            data.setHighWatermark(highWatermark)
                    .setLastStableOffset(lastStable)
                    .setLogStartOffset(result.logStartOffset())
                    .setAbortedTransactions(isolation != IsolationLevel.READ_COMMITTED ? null
                            : result.sizeInBytes() == 0 ? new ArrayList<>()
                            // Up to the LSO: a superset of what this data needs, which clients accept.
                            : partition.log().abortedTransactions(target.params().fetchOffset, upperBound))
                    .setRecords(result.sizeInBytes() == 0 ? MemoryRecords.EMPTY
                            : new FileRegionRecords(result.channel(), result.position(), result.sizeInBytes()));
            return new PartitionRead(target, data, result.sizeInBytes());
        } catch (ApiException e) {
            return error(target, data, Errors.forException(e));
        } catch (RuntimeException e) {
            LOG.error("Error reading {}", target.partition(), e);
            return error(target, data, Errors.UNKNOWN_SERVER_ERROR);
        }
    }

    private static PartitionRead error(FetchTarget target, PartitionData data, Errors error) {
        data.setErrorCode(error.code())
                .setHighWatermark(-1)
                .setLastStableOffset(-1)
                .setLogStartOffset(-1)
                .setRecords(MemoryRecords.EMPTY);
        return new PartitionRead(target, data, 0);
    }
}
