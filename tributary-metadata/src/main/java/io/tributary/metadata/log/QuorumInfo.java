package io.tributary.metadata.log;

import java.util.List;

import org.apache.kafka.common.Uuid;

/**
 * What DescribeQuorum reports about the metadata log. Offsets are exclusive ends like Kafka's; unknown values
 * are -1.
 *
 * @param leaderId      the writer, or -1 when unknown
 * @param leaderEpoch   its epoch (Raft term)
 * @param highWatermark one past the last committed offset
 * @param voters        every voter with its progress as far as this node knows it
 * @param observers     the nodes that follow the log without voting, as the leader saw their fetches (KIP-595's
 *                      observers: broker-only nodes), with no endpoints
 */
public record QuorumInfo(int leaderId, int leaderEpoch, long highWatermark, List<Voter> voters,
                         List<Voter> observers) {

    public QuorumInfo {
        voters = List.copyOf(voters);
        observers = List.copyOf(observers);
    }

    /**
     * The quorum's {@code kraft.version} (KIP-853): 1 once its voter set carries directory ids, as a quorum
     * whose voters joined by AddRaftVoter does (Kafka's dynamic quorum); 0 for voters known only from the static
     * {@code controller.quorum.voters}, which never learnt their directory ids.
     */
    public short kraftVersion() {
        return voters.stream().anyMatch(v -> !Uuid.ZERO_UUID.equals(v.directoryId())) ? (short) 1 : (short) 0;
    }

    /** Without observers. */
    public QuorumInfo(int leaderId, int leaderEpoch, long highWatermark, List<Voter> voters) {
        this(leaderId, leaderEpoch, highWatermark, voters, List.of());
    }

    /**
     * @param directoryId the replica's metadata directory id (KIP-853), {@link Uuid#ZERO_UUID} when unknown
     * @param endpoints   the voter's Raft endpoints (name = controller listener name)
     */
    public record Voter(int nodeId, Uuid directoryId, long logEndOffset, long lastFetchTimestamp,
                        long lastCaughtUpTimestamp, List<Endpoint> endpoints) {
        public Voter {
            endpoints = List.copyOf(endpoints);
        }

        /** Without a directory id. */
        public Voter(int nodeId, long logEndOffset, long lastFetchTimestamp, long lastCaughtUpTimestamp,
                     List<Endpoint> endpoints) {
            this(nodeId, Uuid.ZERO_UUID, logEndOffset, lastFetchTimestamp, lastCaughtUpTimestamp, endpoints);
        }
    }

    public record Endpoint(String listenerName, String host, int port) {
    }
}
