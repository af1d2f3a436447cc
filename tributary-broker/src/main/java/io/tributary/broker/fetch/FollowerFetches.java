package io.tributary.broker.fetch;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.network.FileRegionRecords;
import io.tributary.storage.EpochEndOffset;
import io.tributary.storage.ReadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's side of a follower's fetch (replica id >= 0): records the follower's position (which may move
 * the ISR and the high watermark), detects a diverging log from the follower's last fetched epoch, and reads
 * up to the log end, not the high watermark, as file regions.
 */
final class FollowerFetches {

    private static final Logger LOG = LoggerFactory.getLogger(FollowerFetches.class);

    private final PartitionManager partitions;

    FollowerFetches(PartitionManager partitions) {
        this.partitions = partitions;
    }

    List<PartitionRead> readAll(List<FetchTarget> targets, int replicaId, long replicaEpoch, int responseMaxBytes) {
        List<PartitionRead> reads = new ArrayList<>(targets.size());
        int remaining = Math.max(responseMaxBytes, 0);
        boolean nothingReadYet = true;
        long nowMs = System.currentTimeMillis();
        for (FetchTarget target : targets) {
            int limit = Math.min(target.params().maxBytes, remaining);
            PartitionRead read = read(target, replicaId, replicaEpoch, limit, nothingReadYet, nowMs);
            reads.add(read);
            if (read.bytes() > 0) {
                nothingReadYet = false;
                remaining = Math.max(0, remaining - read.bytes());
            }
        }
        return reads;
    }

    private PartitionRead read(FetchTarget target, int replicaId, long replicaEpoch, int maxBytes,
                               boolean minOneBatch, long nowMs) {
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
            return error(target, data, Errors.NOT_LEADER_OR_FOLLOWER);
        }
        long fetchOffset = target.params().fetchOffset;
        Optional<Integer> lastFetchedEpoch = target.params().lastFetchedEpoch;
        try {
            long logStart = partition.log().logStartOffset();
            long logEnd = partition.log().logEndOffset();
            if (lastFetchedEpoch.isPresent()) {
                int fetchedEpoch = lastFetchedEpoch.get();
                EpochEndOffset end = partition.log().endOffsetForEpoch(fetchedEpoch);
                // An epoch unknown here (-1) cannot be told on the wire (Kafka's default), so it is no divergence.
                if (end.leaderEpoch() >= 0
                        && (end.leaderEpoch() < fetchedEpoch || end.endOffset() < fetchOffset)) {
                    data.setDivergingEpoch(new FetchResponseData.EpochEndOffset()
                                    .setEpoch(end.leaderEpoch()).setEndOffset(end.endOffset()))
                            .setHighWatermark(partition.highWatermark())
                            .setLastStableOffset(partition.log().lastStableOffset())
                            .setLogStartOffset(logStart)
                            .setRecords(MemoryRecords.EMPTY);
                    return new PartitionRead(target, data, 0, true);
                }
            }
            if (fetchOffset < logStart || fetchOffset > logEnd) {
                // The follower uses the log start to restart below it, the high watermark to truncate above it.
                data.setErrorCode(Errors.OFFSET_OUT_OF_RANGE.code())
                        .setHighWatermark(partition.highWatermark())
                        .setLastStableOffset(-1)
                        .setLogStartOffset(logStart)
                        .setRecords(MemoryRecords.EMPTY);
                return new PartitionRead(target, data, 0);
            }
            partition.onFollowerFetch(replicaId, replicaEpoch, fetchOffset, nowMs);
            ReadResult result = partition.log().read(fetchOffset, maxBytes, Long.MAX_VALUE,
                    minOneBatch && maxBytes > 0);
            long highWatermark = partition.highWatermark();
            data.setHighWatermark(highWatermark)
                    .setLastStableOffset(Math.min(partition.log().lastStableOffset(), highWatermark))
                    .setLogStartOffset(result.logStartOffset())
                    .setRecords(result.sizeInBytes() == 0 ? MemoryRecords.EMPTY
                            : new FileRegionRecords(result.channel(), result.position(), result.sizeInBytes()));
            return new PartitionRead(target, data, result.sizeInBytes());
        } catch (ApiException e) {
            return error(target, data, Errors.forException(e));
        } catch (RuntimeException e) {
            LOG.error("Error serving follower {} for {}", replicaId, target.partition(), e);
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
