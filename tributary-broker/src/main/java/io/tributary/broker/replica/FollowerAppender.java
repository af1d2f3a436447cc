package io.tributary.broker.replica;

import io.tributary.broker.partition.Partition;
import io.tributary.storage.api.EpochEndOffset;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.FetchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the leader's answer for one partition to the follower: appends what it sent (keeping the leader's
 * offsets and epochs), takes its high watermark (bounded by what is here), truncates where the leader says the
 * logs diverge, and restarts the log when it is behind the leader's log start. The partition's follower operations
 * keep its high watermark within its log.
 */
final class FollowerAppender {

    private static final Logger LOG = LoggerFactory.getLogger(FollowerAppender.class);

    /** What the fetcher does next with the partition. */
    enum Next { FETCH, BACK_OFF }

    private FollowerAppender() {
    }

    static Next apply(Partition partition, PartitionData data) {
        Errors error = Errors.forCode(data.errorCode());
        if (error == Errors.OFFSET_OUT_OF_RANGE) {
            restartOutOfRange(partition, data);
            return Next.FETCH;
        }
        if (error != Errors.NONE) {
            LOG.debug("Fetch of {} from its leader failed with {}", partition.topicPartition(), error);
            return Next.BACK_OFF;
        }
        if (FetchResponse.isDivergingEpoch(data)) {
            truncateDiverging(partition, data.divergingEpoch());
            return Next.FETCH;
        }
        MemoryRecords records = data.records() instanceof MemoryRecords memory ? memory : MemoryRecords.EMPTY;
        partition.appendAsFollower(records, data.highWatermark(), data.logStartOffset());
        return Next.FETCH;
    }

    /**
     * The leader's log ends epoch {@code diverging.epoch()} at {@code diverging.endOffset()}: everything here
     * past the common point, the smaller of that and the end of the same epoch (or the last earlier one) here,
     * was never committed and goes.
     */
    private static void truncateDiverging(Partition partition, FetchResponseData.EpochEndOffset diverging) {
        EpochEndOffset local = partition.endOffsetForEpoch(diverging.epoch());
        long target = local.endOffset() < 0 ? partition.logStartOffset()
                : Math.min(diverging.endOffset(), local.endOffset());
        LOG.info("Truncating {} to {}: the leader's epoch {} ends at {}, here epoch {} ends at {}",
                partition.topicPartition(), target, diverging.epoch(), diverging.endOffset(), local.leaderEpoch(),
                local.endOffset());
        partition.truncateTo(target);
    }

    private static void restartOutOfRange(Partition partition, PartitionData data) {
        long leaderStart = data.logStartOffset();
        if (leaderStart >= 0 && partition.logEndOffset() < leaderStart) {
            LOG.info("{} is behind the leader's log start {}: restarting the log there", partition.topicPartition(),
                    leaderStart);
            partition.truncateFullyAndStartAt(leaderStart);
        } else if (data.highWatermark() >= 0 && partition.logEndOffset() > data.highWatermark()) {
            // Ahead of the leader's log: what is past its high watermark here was never committed.
            partition.truncateTo(data.highWatermark());
        }
    }
}
