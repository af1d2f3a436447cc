package io.tributary.quorum;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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

    private RaftSettings() {
    }

    static RaftPeerId peerId(int nodeId) {
        return RaftPeerId.valueOf(Integer.toString(nodeId));
    }

    static OptionalInt nodeIdOf(RaftPeerId peerId) {
        return peerId == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(peerId.toString()));
    }

    static RaftGroup group(Map<Integer, InetSocketAddress> voters) {
        List<RaftPeer> peers = voters.entrySet().stream()
            .map(voter -> RaftPeer.newBuilder()
                .setId(peerId(voter.getKey()))
                .setAddress(voter.getValue().getHostString() + ":" + voter.getValue().getPort())
                .build())
            .toList();
        return RaftGroup.valueOf(GROUP_ID, peers);
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
