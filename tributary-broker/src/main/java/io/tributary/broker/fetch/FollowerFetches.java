package io.tributary.broker.fetch;

import io.tributary.metadata.image.MetadataImage;
import java.util.function.Supplier;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.broker.partition.ReplicationQuota;
import io.tributary.storage.api.EpochEndOffset;
import io.tributary.storage.api.ReadResult;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * The leader's side of a follower's fetch (replica id >= 0): records the follower's position (which may move
 * the ISR and the high watermark), detects a diverging log from the follower's last fetched epoch, and reads
 * up to the log end, not the high watermark, as file regions. A fetch is answered at once, even without data, when
 * the high watermark is newer than the last one the follower was told (KIP-392: consumers read from followers up
 * to their high watermark, so it must reach them without waiting for more data or replica.fetch.wait.max.ms).
 */
final class FollowerFetches {

    private final PartitionManager partitions;
    private final Supplier<MetadataImage> image;

    FollowerFetches(PartitionManager partitions, Supplier<MetadataImage> image) {
        this.image = image;
        this.partitions = partitions;
    }

    /**
     * Reads every partition of a follower's fetch. {@code recordPosition}: the request's first read records the
     * follower's position (which may move the ISR and the high watermark); the re-reads of a parked fetch, woken
     * on a producer's thread by each append, only read: the position they would record has not changed.
     */
    List<PartitionRead> readAll(List<FetchTarget> targets, int replicaId, long replicaEpoch, int responseMaxBytes,
                                boolean recordPosition) {
        long nowMs = recordPosition ? System.currentTimeMillis() : 0L;
        return LeaderReads.readInOrder(targets, responseMaxBytes, (target, maxBytes, minOneBatch) ->
                read(target, replicaId, replicaEpoch, maxBytes, minOneBatch, recordPosition, nowMs));
    }

    private static boolean isInIsr(Partition partition, int replicaId) {
        for (int member : partition.isr()) {
            if (member == replicaId) {
                return true;
            }
        }
        return false;
    }

    /** The answer {@code reads} goes to follower {@code replicaId}: remembers the high watermarks it tells. */
    void answered(int replicaId, List<PartitionRead> reads) {
        for (PartitionRead read : reads) {
            long highWatermark = read.data().highWatermark();
            if (read.data().errorCode() == Errors.NONE.code() && highWatermark >= 0) {
                partitions.get(read.target().partition().topicPartition())
                        .ifPresent(partition -> partition.onHighWatermarkSent(replicaId, highWatermark));
            }
        }
    }

    private PartitionRead read(FetchTarget target, int replicaId, long replicaEpoch, int maxBytes,
                               boolean minOneBatch, boolean recordPosition, long nowMs) {
        PartitionData data = new PartitionData().setPartitionIndex(target.partition().partition());
        Partition partition = LeaderReads.leaderOrRefuse(partitions, image, target, data);
        if (partition == null) {
            return new PartitionRead(target, data, 0);
        }
        long fetchOffset = target.params().fetchOffset;
        Optional<Integer> lastFetchedEpoch = target.params().lastFetchedEpoch;
        try {
            long logStart = partition.logStartOffset();
            long logEnd = partition.logEndOffset();
            if (lastFetchedEpoch.isPresent()) {
                int fetchedEpoch = lastFetchedEpoch.get();
                EpochEndOffset end = partition.endOffsetForEpoch(fetchedEpoch);
                // An epoch unknown here (-1) cannot be told on the wire (Kafka's default), so it is no divergence.
                if (end.leaderEpoch() >= 0
                        && (end.leaderEpoch() < fetchedEpoch || end.endOffset() < fetchOffset)) {
                    data.setDivergingEpoch(new FetchResponseData.EpochEndOffset()
                                    .setEpoch(end.leaderEpoch()).setEndOffset(end.endOffset()))
                            .setHighWatermark(partition.highWatermark())
                            .setLastStableOffset(partition.lastStableOffset())
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
            if (recordPosition) {
                partition.onFollowerFetch(replicaId, replicaEpoch, fetchOffset, target.params().logStartOffset,
                        nowMs);
            }
            // KIP-73: a follower outside the ISR of a throttled partition gets nothing while the leader's
            // replication rate is over leader.replication.throttled.rate; in-sync followers are never held back.
            ReplicationQuota quota = partitions.leaderReplicationQuota();
            boolean throttled = quota.isThrottled(target.partition().topicPartition()) && !isInIsr(partition, replicaId);
            if (throttled && quota.isQuotaExceeded()) {
                data.setHighWatermark(partition.highWatermark())
                        .setLastStableOffset(Math.min(partition.lastStableOffset(), partition.highWatermark()))
                        .setLogStartOffset(logStart)
                        .setRecords(MemoryRecords.EMPTY);
                return new PartitionRead(target, data, 0);
            }
            ReadResult result = partition.read(fetchOffset, maxBytes, Long.MAX_VALUE,
                    minOneBatch && maxBytes > 0);
            if (throttled) {
                // Followers fetch with min bytes 1: a read that found records is the one answered.
                quota.record(result.sizeInBytes());
            }
            long highWatermark = partition.highWatermark();
            data.setHighWatermark(highWatermark)
                    .setLastStableOffset(Math.min(partition.lastStableOffset(), highWatermark))
                    .setLogStartOffset(result.logStartOffset())
                    .setRecords(LeaderReads.recordsOf(result));
            // A high watermark the follower has not heard yet is worth an answer without data: consumers reading
            // from the follower see records only up to it.
            boolean newHighWatermark = highWatermark > partition.highWatermarkSentTo(replicaId);
            return new PartitionRead(target, data, result.sizeInBytes(), newHighWatermark);
        } catch (RuntimeException e) {
            return LeaderReads.failed(target, data, e, "follower " + replicaId);
        }
    }
}
