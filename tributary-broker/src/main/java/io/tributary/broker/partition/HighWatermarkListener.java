package io.tributary.broker.partition;

import org.apache.kafka.common.TopicPartition;

/** Told when a partition's high watermark (or, for followers' fetches, its log end) moves. */
@FunctionalInterface
public interface HighWatermarkListener {

    void onHighWatermarkAdvanced(TopicPartition partition);

    /** A leader appended: followers long-polling this partition can be answered. Only leaders with followers. */
    default void onLogEndAdvanced(TopicPartition partition) {
    }
}
