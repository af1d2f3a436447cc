package io.tributary.console.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * The newest {@code limit} messages offered, by (timestamp, partition, offset): a bounded heap whose head is the
 * oldest kept, so a message is turned into JSON only when it would be kept, and a batch whose newest timestamp is
 * older than the head can be passed over unread.
 */
final class NewestMessages {

    private final int limit;
    private final PriorityQueue<BrowsedMessage> kept;

    NewestMessages(int limit) {
        this.limit = limit;
        this.kept = new PriorityQueue<>(limit + 1, BrowsedMessage.BY_TIME);
    }

    /** Whether a batch whose records are at most this old may still hold a message that would be kept. */
    boolean mayKeepUpTo(long maxTimestamp) {
        return kept.size() < limit || maxTimestamp >= kept.peek().timestamp();
    }

    /** Whether a message at this place would be kept now. */
    boolean wouldKeep(long timestamp, int partition, long offset) {
        if (kept.size() < limit) {
            return true;
        }
        BrowsedMessage oldest = kept.peek();
        return BrowsedMessage.BY_TIME.compare(new BrowsedMessage(partition, offset, timestamp, null), oldest) > 0;
    }

    /** Offers a message; its JSON is made only when it is kept. */
    void offer(long timestamp, int partition, long offset, Supplier<Map<String, Object>> json) {
        if (wouldKeep(timestamp, partition, offset)) {
            add(new BrowsedMessage(partition, offset, timestamp, json.get()));
        }
    }

    void offer(BrowsedMessage message) {
        if (wouldKeep(message.timestamp(), message.partition(), message.offset())) {
            add(message);
        }
    }

    private void add(BrowsedMessage message) {
        kept.add(message);
        if (kept.size() > limit) {
            kept.poll();
        }
    }

    /** The kept messages, oldest first (newest last). */
    List<BrowsedMessage> oldestFirst() {
        List<BrowsedMessage> sorted = new ArrayList<>(kept);
        sorted.sort(BrowsedMessage.BY_TIME);
        return sorted;
    }
}
