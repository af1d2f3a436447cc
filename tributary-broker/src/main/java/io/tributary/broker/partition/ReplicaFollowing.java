package io.tributary.broker.partition;

import org.apache.kafka.common.TopicPartition;

/** Where follower partitions get their data from: the replica fetchers (one per source broker). */
public interface ReplicaFollowing {

    /** Fetches {@code partition} from {@code leaderId}; no-op if already doing so in this leader epoch. */
    void follow(Partition partition, int leaderId, int leaderEpoch);

    /** Stops fetching {@code partition}; returns once no fetcher is writing to it any more. */
    void unfollow(TopicPartition partition);

    /** A broker with no other brokers to follow (single node): nothing ever follows. */
    ReplicaFollowing NONE = new ReplicaFollowing() {
        @Override
        public void follow(Partition partition, int leaderId, int leaderEpoch) {
            throw new IllegalStateException("No replica fetcher on this broker, cannot follow broker " + leaderId
                    + " for " + partition.topicPartition());
        }

        @Override
        public void unfollow(TopicPartition partition) {
        }
    };
}
