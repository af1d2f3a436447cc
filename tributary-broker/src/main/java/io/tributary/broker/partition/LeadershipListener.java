package io.tributary.broker.partition;

import org.apache.kafka.common.TopicPartition;

/** Told when this broker starts or stops leading a partition (coordinators load and unload their state). */
public interface LeadershipListener {

    void onBecomeLeader(Partition partition);

    void onStopLeading(TopicPartition partition);
}
