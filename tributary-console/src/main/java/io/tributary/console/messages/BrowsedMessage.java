package io.tributary.console.messages;

import java.util.Comparator;
import java.util.Map;

/** One message of a browse answer: where it sorts (timestamp, partition, offset) and its JSON. */
record BrowsedMessage(int partition, long offset, long timestamp, Map<String, Object> json) {

    /** Oldest first; equal timestamps by partition, then offset, so the order is total and repeatable. */
    static final Comparator<BrowsedMessage> BY_TIME = Comparator.comparingLong(BrowsedMessage::timestamp)
            .thenComparingInt(BrowsedMessage::partition).thenComparingLong(BrowsedMessage::offset);
}
