package io.tributary.quorum;

import java.util.List;

/**
 * What DescribeQuorum reports, as seen by this node. Offsets are exclusive ends, like Kafka's: the high watermark
 * is the offset after the last committed entry, a log end offset the offset after a voter's last entry.
 *
 * @param leaderId      the leader, or -1 when unknown
 * @param leaderEpoch   the Raft term
 * @param highWatermark one past the last committed offset
 * @param voters        one entry per voter; only the leader knows the followers' progress, so elsewhere their
 *                      fields are -1
 * @param configuration the voters of the configuration, with their directory ids and Raft addresses, in the same
 *                      order as {@code voters}
 */
public record QuorumState(int leaderId, int leaderEpoch, long highWatermark, List<VoterState> voters,
                          List<QuorumVoter> configuration) {

    public QuorumState {
        voters = List.copyOf(voters);
        configuration = List.copyOf(configuration);
    }

    /**
     * @param logEndOffset          one past the voter's last log entry, or -1 when unknown
     * @param lastFetchTimestamp    wall-clock ms of the leader's last successful exchange with it, or -1
     * @param lastCaughtUpTimestamp wall-clock ms when it was last known to hold the leader's whole log, or -1
     */
    public record VoterState(int nodeId, long logEndOffset, long lastFetchTimestamp, long lastCaughtUpTimestamp) {
    }
}
