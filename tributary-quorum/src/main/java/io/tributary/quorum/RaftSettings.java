package io.tributary.quorum;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** Translates a {@link QuorumConfig} into Ratis' group, peers and properties. */
final class RaftSettings {

    /** Every controller derives the same group id, so no node needs to be told it. */
    static final RaftGroupId GROUP_ID =
        RaftGroupId.valueOf(UUID.nameUUIDFromBytes("tributary-metadata-quorum".getBytes(StandardCharsets.UTF_8)));

    private static final String DIRECTORY_ID_PREFIX = "directory-id:";

    private RaftSettings() {
    }

    static RaftPeerId peerId(int nodeId) {
        return RaftPeerId.valueOf(Integer.toString(nodeId));
    }

    static OptionalInt nodeIdOf(RaftPeerId peerId) {
        return peerId == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(peerId.toString()));
    }

    /**
     * The group a node starts with: the static voters, or none for a controller that waits to be added (Ratis then
     * keeps it initializing until a leader's configuration names it). Ratis replays the configurations in the local
     * log over this one, so a restart never re-imposes the static voters over a committed newer configuration.
     */
    static RaftGroup group(Map<Integer, InetSocketAddress> voters) {
        List<RaftPeer> peers = voters.entrySet().stream()
            .map(voter -> peer(new QuorumVoter(voter.getKey(), Uuid.ZERO_UUID, voter.getValue())))
            .toList();
        return RaftGroup.valueOf(GROUP_ID, peers);
    }

    /**
     * A voter as a Ratis peer. Ratis' peer has no field for KIP-853's directory id; the client address, which
     * nothing here uses (no Ratis client RPC: appends and configuration changes go to the local server), carries
     * it, so it is part of the replicated, persisted configuration.
     */
    static RaftPeer peer(QuorumVoter voter) {
        return peer(voter, 0);
    }

    /**
     * As above, with a priority. Every voter has the same priority, so it never favours one in elections; it grows
     * by one with each change of a voter's address, because Ratis takes a configuration that differs from the
     * current one only in addresses for no change at all.
     */
    static RaftPeer peer(QuorumVoter voter, int priority) {
        RaftPeer.Builder builder = RaftPeer.newBuilder()
            .setId(peerId(voter.nodeId()))
            .setPriority(priority)
            .setAddress(voter.address().getHostString() + ":" + voter.address().getPort());
        if (!Uuid.ZERO_UUID.equals(voter.directoryId())) {
            builder.setClientAddress(DIRECTORY_ID_PREFIX + voter.directoryId());
        }
        return builder.build();
    }

    /** The voter a peer of the configuration stands for. */
    static QuorumVoter voterOf(RaftPeer peer) {
        String client = peer.getClientAddress();
        Uuid directoryId = client != null && client.startsWith(DIRECTORY_ID_PREFIX)
            ? Uuid.fromString(client.substring(DIRECTORY_ID_PREFIX.length())) : Uuid.ZERO_UUID;
        String address = peer.getAddress();
        int colon = address.lastIndexOf(':');
        InetSocketAddress socket = InetSocketAddress.createUnresolved(address.substring(0, colon),
            Integer.parseInt(address.substring(colon + 1)));
        return new QuorumVoter(nodeIdOf(peer.getId()).orElseThrow(), directoryId, socket);
    }

    static RaftProperties properties(QuorumConfig config) {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.NETTY);
        InetSocketAddress local = config.localAddress();
        NettyConfigKeys.Server.setHost(properties, local.getHostString());
        NettyConfigKeys.Server.setPort(properties, local.getPort());
        RaftServerConfigKeys.setStorageDir(properties, List.of(config.dataDir().toFile()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(properties, millis(config.electionTimeoutMin().toMillis()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties, millis(config.electionTimeoutMax().toMillis()));
        // Snapshots are asked for by the state machine (Kafka's byte and time policy), not by entry counts.
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, false);
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(properties, false);
        // Two snapshots on disk, so a damaged newest one can fall back to the one before.
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
        // As in Kafka, the log before a snapshot goes whatever the followers have: a lagging one gets the snapshot.
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        RaftServerConfigKeys.Log.setPurgeGap(properties, 1);
        RaftServerConfigKeys.Log.setSegmentSizeMax(properties, SizeInBytes.valueOf(config.segmentBytes()));
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(properties, true);
        return properties;
    }

    private static TimeDuration millis(long value) {
        return TimeDuration.valueOf(value, TimeUnit.MILLISECONDS);
    }
}
