package io.tributary.broker.partition;

import io.tributary.storage.AppendResult;
import io.tributary.storage.PartitionLog;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * A partition this broker leads: its log plus the replication state around it (leader epoch, ISR size, high
 * watermark). On a single node the ISR is this broker alone, so the high watermark follows the log end offset,
 * or, in durable mode, the last fsynced offset, so that consumers never see a record a crash could take back.
 */
public final class Partition {

    private final TopicIdPartition id;
    private final PartitionLog log;
    private final boolean durable;
    private final HighWatermarkListener listener;
    private final AtomicLong highWatermark;
    private volatile int leaderEpoch;
    private volatile int isrSize;
    private volatile int minInsyncReplicas;

    public Partition(TopicIdPartition id, PartitionLog log, boolean durable, HighWatermarkListener listener,
                     int leaderEpoch, int isrSize, int minInsyncReplicas) {
        this.id = id;
        this.log = log;
        this.durable = durable;
        this.listener = listener;
        this.leaderEpoch = leaderEpoch;
        this.isrSize = isrSize;
        this.minInsyncReplicas = minInsyncReplicas;
        this.highWatermark = new AtomicLong(log.highWatermark());
        // What recovery found on disk becomes visible; in durable mode once it is surely on the platter.
        long logEnd = log.logEndOffset();
        if (!durable || logEnd == 0) {
            advanceHighWatermark(logEnd);
        } else {
            // Synchronous: coordinators load right after this and must see everything recovered.
            log.flushUpTo(logEnd - 1).join();
            advanceHighWatermark(logEnd);
        }
    }

    public TopicIdPartition id() {
        return id;
    }

    public TopicPartition topicPartition() {
        return id.topicPartition();
    }

    public Uuid topicId() {
        return id.topicId();
    }

    public PartitionLog log() {
        return log;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    public void updateReplicationState(int leaderEpoch, int isrSize, int minInsyncReplicas) {
        this.leaderEpoch = leaderEpoch;
        this.isrSize = isrSize;
        this.minInsyncReplicas = minInsyncReplicas;
    }

    public long highWatermark() {
        return highWatermark.get();
    }

    /**
     * Appends a produce request's records. Throws Kafka's ApiExceptions for anything the client must hear about.
     * In durable mode the returned future completes once the records are fsynced; otherwise it is already done.
     */
    public CompletableFuture<AppendResult> appendAsLeader(MemoryRecords records, short requiredAcks) {
        if (requiredAcks == -1 && isrSize < minInsyncReplicas) {
            throw new NotEnoughReplicasException("The size of the current ISR " + isrSize
                    + " is insufficient to satisfy the min.isr requirement of " + minInsyncReplicas
                    + " for partition " + id.topicPartition());
        }
        return acknowledge(log.appendAsLeader(records, leaderEpoch));
    }

    /** Commits an append: at once on a single node, after the shared fsync in durable mode. */
    private CompletableFuture<AppendResult> acknowledge(AppendResult result) {
        if (!durable) {
            advanceHighWatermark(log.logEndOffset());
            return CompletableFuture.completedFuture(result);
        }
        return log.flushUpTo(result.lastOffset()).thenApply(ignored -> {
            advanceHighWatermark(result.lastOffset() + 1);
            return result;
        });
    }

    /**
     * Writes a transaction marker (COMMIT or ABORT control record) for a producer, as the transaction coordinator
     * asks. Completes once the marker is committed, exactly like a produce with acks=all.
     */
    public CompletableFuture<AppendResult> appendTxnMarker(long producerId, short producerEpoch, int coordinatorEpoch,
                                                           boolean commit) {
        AppendResult result = log.appendTxnMarker(producerId, producerEpoch, coordinatorEpoch, commit, leaderEpoch);
        return acknowledge(result);
    }

    /** Kafka's check of a client's view of the leader epoch (KIP-320). */
    public Errors checkLeaderEpoch(Optional<Integer> currentLeaderEpoch) {
        if (currentLeaderEpoch.isEmpty() || currentLeaderEpoch.get() < 0) {
            return Errors.NONE;
        }
        int current = currentLeaderEpoch.get();
        if (current < leaderEpoch) {
            return Errors.FENCED_LEADER_EPOCH;
        }
        return current > leaderEpoch ? Errors.UNKNOWN_LEADER_EPOCH : Errors.NONE;
    }

    /** Moves the high watermark forward (never back) and wakes fetches waiting on this partition. */
    public void advanceHighWatermark(long candidate) {
        synchronized (highWatermark) {
            long bounded = Math.min(candidate, log.logEndOffset());
            if (bounded <= highWatermark.get()) {
                return;
            }
            log.updateHighWatermark(bounded);
            highWatermark.set(bounded);
        }
        listener.onHighWatermarkAdvanced(id.topicPartition());
    }
}
