package io.tributary.broker.share;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.common.TopicIdPartition;

/**
 * A share session (KIP-932): the partitions a member fetches from one broker, so that later requests name only
 * what changed; its epoch is 0 when opened, then incremented by every request, -1 closes it.
 */
final class ShareSession {

    final String groupId;
    final String memberId;
    /** The epoch the member's next request must carry. */
    int epoch;
    final Set<TopicIdPartition> partitions = new LinkedHashSet<>();
    /** Which partition the next fetch starts with, so that every partition gets its turn at the record budget. */
    int rotation;
    volatile long lastUsedMs;

    ShareSession(String groupId, String memberId, long nowMs) {
        this.groupId = groupId;
        this.memberId = memberId;
        this.lastUsedMs = nowMs;
    }

    static int nextEpoch(int epoch) {
        return epoch == Integer.MAX_VALUE ? 1 : epoch + 1;
    }
}
