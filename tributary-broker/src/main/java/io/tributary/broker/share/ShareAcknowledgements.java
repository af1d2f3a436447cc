package io.tributary.broker.share;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * What ShareFetch and ShareAcknowledge share: applying a member's acknowledgements partition by partition, and
 * ending its session (everything it still holds there is released at once, as Kafka does on close).
 */
final class ShareAcknowledgements {

    private final SharePartitions shares;

    ShareAcknowledgements(SharePartitions shares) {
        this.shares = shares;
    }

    /** Each partition's acknowledgement error, once the acknowledged states are committed. */
    CompletableFuture<Map<TopicIdPartition, Errors>> apply(String groupId, String memberId,
                                                          Map<TopicIdPartition, List<SharePartition.AckBatch>> acks) {
        Map<TopicIdPartition, CompletableFuture<Errors>> pending = new LinkedHashMap<>();
        acks.forEach((id, batches) -> {
            SharePartitions.Resolved resolved = shares.resolve(groupId, id);
            if (resolved.error() != Errors.NONE) {
                pending.put(id, CompletableFuture.completedFuture(resolved.error()));
            } else if (!resolved.sharePartition().isReady()) {
                // Not loaded here: nothing of it was acquired from this leader.
                pending.put(id, CompletableFuture.completedFuture(Errors.INVALID_RECORD_STATE));
            } else {
                pending.put(id, resolved.sharePartition().acknowledge(memberId, batches));
            }
        });
        return CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<TopicIdPartition, Errors> errors = new LinkedHashMap<>();
            pending.forEach((id, future) -> errors.put(id, future.join()));
            return errors;
        });
    }

    /** Releases whatever the member of a closed session still holds in its partitions. */
    CompletableFuture<Void> release(ShareSession session) {
        if (session == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<TopicIdPartition> partitions;
        synchronized (session) {
            partitions = new ArrayList<>(session.partitions);
        }
        return release(session.groupId, session.memberId, partitions);
    }

    /** Releases whatever the member holds in these partitions. */
    CompletableFuture<Void> release(String groupId, String memberId, List<TopicIdPartition> partitions) {
        List<CompletableFuture<Errors>> releases = new ArrayList<>();
        for (TopicIdPartition id : partitions) {
            SharePartitions.Resolved resolved = shares.resolve(groupId, id);
            if (resolved.error() == Errors.NONE && resolved.sharePartition().isReady()) {
                releases.add(resolved.sharePartition().releaseMember(memberId));
            }
        }
        return CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new));
    }

    /** The member's locks in these partitions end after {@code delayMs}. */
    void shortenLocks(String groupId, String memberId, List<TopicIdPartition> partitions, long delayMs) {
        for (TopicIdPartition id : partitions) {
            SharePartitions.Resolved resolved = shares.resolve(groupId, id);
            if (resolved.error() == Errors.NONE && resolved.sharePartition().isReady()) {
                resolved.sharePartition().shortenLocks(memberId, delayMs);
            }
        }
    }

    static SharePartition.AckBatch batch(long first, long last, List<Byte> types) {
        return new SharePartition.AckBatch(first, last, types);
    }
}
