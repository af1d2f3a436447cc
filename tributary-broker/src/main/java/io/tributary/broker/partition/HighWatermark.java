package io.tributary.broker.partition;

import io.tributary.storage.PartitionLog;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * A partition's high watermark. As leader: the smallest log end over the (maximal) ISR, this broker counting
 * its fsynced end in durable mode; it only moves forward and completes acks=all appends it passes. As follower:
 * the leader's, bounded by the local log end (it may move back after a truncation).
 */
final class HighWatermark {

    private final TopicPartition tp;
    private final PartitionLog log;
    private final int localBrokerId;
    private final HighWatermarkListener listener;
    private final PendingAcks pendingAcks;
    private final AtomicLong value;

    HighWatermark(TopicPartition tp, PartitionLog log, int localBrokerId, HighWatermarkListener listener,
                  PendingAcks pendingAcks) {
        this.tp = tp;
        this.log = log;
        this.localBrokerId = localBrokerId;
        this.listener = listener;
        this.pendingAcks = pendingAcks;
        this.value = new AtomicLong(log.highWatermark());
    }

    long get() {
        return value.get();
    }

    /**
     * Leader: recomputes from the followers' positions; {@code localEnd} is this broker's (fsynced) end. Frozen
     * while the ISR is below {@code minInsyncReplicas} ({@code min.insync.replicas} bounded by the replication
     * factor), as Kafka's leader; appends it passes complete, failing if the maximal ISR is below it.
     */
    void maybeAdvance(LeaderState state, long localEnd, int minInsyncReplicas) {
        if (state.isr().length < minInsyncReplicas) {
            // KIP-966 (Kafka 3.7+, KAFKA-15583): nothing commits while the ISR is below min ISR, so every committed
            // record is on min ISR replicas, which the ELR keeps eligible when the ISR shrinks further.
            return;
        }
        long candidate = Math.min(localEnd, minFollowerEnd(state, state.isr()));
        if (state.pendingIsr() != null) {
            candidate = Math.min(candidate, minFollowerEnd(state, state.pendingIsr()));
        }
        advance(candidate);
        pendingAcks.completeBelow(value.get(), state.maximalIsrSize() >= minInsyncReplicas);
    }

    private long minFollowerEnd(LeaderState state, int[] members) {
        long min = Long.MAX_VALUE;
        for (int member : members) {
            if (member != localBrokerId) {
                FollowerState follower = state.followers().get(member);
                min = Math.min(min, follower == null ? FollowerState.UNKNOWN_OFFSET : follower.logEndOffset());
            }
        }
        return min;
    }

    /** Moves forward (never back) and wakes fetches waiting on this partition. */
    private void advance(long candidate) {
        synchronized (value) {
            long bounded = Math.min(candidate, log.logEndOffset());
            if (bounded <= value.get()) {
                return;
            }
            log.updateHighWatermark(bounded);
            value.set(bounded);
        }
        listener.onHighWatermarkAdvanced(tp);
    }

    /** Follower: takes the leader's value, bounded by the local log end. */
    void setFromLeader(long leaderHighWatermark) {
        long before;
        synchronized (value) {
            before = value.get();
            log.setHighWatermark(Math.min(leaderHighWatermark, log.logEndOffset()));
            value.set(log.highWatermark());
        }
        if (value.get() != before) {
            listener.onHighWatermarkAdvanced(tp);
        }
    }
}
