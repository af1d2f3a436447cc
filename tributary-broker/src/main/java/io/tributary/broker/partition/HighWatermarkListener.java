package io.tributary.broker.partition;

import org.apache.kafka.common.TopicPartition;

/** Told when a partition's high watermark moves, so that waiting fetches can be completed. */
@FunctionalInterface
public interface HighWatermarkListener {

    void onHighWatermarkAdvanced(TopicPartition partition);
}
