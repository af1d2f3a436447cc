package io.tributary.metadata.log;

import java.util.List;

/**
 * What DescribeQuorum reports about the metadata log. Offsets are exclusive ends like Kafka's; unknown values
 * are -1.
 *
 * @param leaderId      the writer, or -1 when unknown
 * @param leaderEpoch   its epoch (Raft term)
 * @param highWatermark one past the last committed offset
 * @param voters        every voter with its progress as far as this node knows it
 */
public record QuorumInfo(int leaderId, int leaderEpoch, long highWatermark, List<Voter> voters) {

    public QuorumInfo {
        voters = List.copyOf(voters);
    }

    /**
     * @param endpoints the voter's Raft endpoints (name = controller listener name)
     */
    public record Voter(int nodeId, long logEndOffset, long lastFetchTimestamp, long lastCaughtUpTimestamp,
                        List<Endpoint> endpoints) {
        public Voter {
            endpoints = List.copyOf(endpoints);
        }
    }

    public record Endpoint(String listenerName, String host, int port) {
    }
}
