package io.tributary.quorum;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;

import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerRpcWithProxy;
import org.apache.ratis.util.PeerProxyMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points this server's Raft connections at a voter's new address once a configuration that moved it (KIP-853's
 * UpdateRaftVoter) is applied. Ratis keeps one proxy per peer id, created from the address it first saw and
 * rebuilt from that same address on every reconnect; it has no public way to replace a peer's address, so the
 * entry of its proxy map is replaced here (the map's private field, read by reflection once per change).
 */
final class PeerAddresses {

    private static final Logger LOG = LoggerFactory.getLogger(PeerAddresses.class);

    private final RaftServer server;
    private final RaftServer.Division division;
    private final Map<RaftPeerId, String> known = new HashMap<>();

    PeerAddresses(RaftServer server, RaftServer.Division division) {
        this.server = server;
        this.division = division;
        division.getRaftConf().getCurrentPeers().forEach(peer -> known.put(peer.getId(), peer.getAddress()));
    }

    /** After a configuration entry was applied: reconnects to every voter whose address changed. */
    synchronized void refresh() {
        for (RaftPeer peer : division.getRaftConf().getCurrentPeers()) {
            String before = known.put(peer.getId(), peer.getAddress());
            if (before != null && !before.equals(peer.getAddress()) && !peer.getId().equals(division.getId())) {
                LOG.info("Voter {} moved from {} to {}: reconnecting there", peer.getId(), before, peer.getAddress());
                replace(peer);
            }
        }
    }

    private void replace(RaftPeer peer) {
        if (!(server.getServerRpc() instanceof RaftServerRpcWithProxy<?, ?> rpc)) {
            LOG.warn("Cannot move voter {}: unexpected Raft transport {}", peer.getId(), server.getServerRpc());
            return;
        }
        PeerProxyMap<?> proxies = rpc.getProxies();
        try {
            proxies.resetProxy(peer.getId()); // closes the connection to the old address
            Field field = PeerProxyMap.class.getDeclaredField("peers");
            field.setAccessible(true);
            ((Map<?, ?>) field.get(proxies)).remove(peer.getId());
            proxies.computeIfAbsent(peer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Cannot move voter {} to {}: Raft traffic keeps its old address until this node restarts",
                peer.getId(), peer.getAddress(), e);
        }
    }
}
