package io.tributary.quorum;

import java.net.InetSocketAddress;
import java.util.Objects;

import org.apache.kafka.common.Uuid;

/**
 * A voter of the committed Raft configuration, as KIP-853 names one: its node id, the directory id of its metadata
 * log directory ({@link Uuid#ZERO_UUID} for a voter listed in {@code controller.quorum.voters}, whose directory the
 * configuration never learnt), and its Raft address (its controller listener).
 */
public record QuorumVoter(int nodeId, Uuid directoryId, InetSocketAddress address) {

    public QuorumVoter {
        Objects.requireNonNull(directoryId, "directoryId");
        Objects.requireNonNull(address, "address");
    }
}
