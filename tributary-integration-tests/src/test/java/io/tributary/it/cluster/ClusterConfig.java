package io.tributary.it.cluster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server.properties of each member of a test cluster: combined mode (docs/cluster.md), replication
 * settings as in config/cluster/cluster.properties (scaled down for smaller clusters), and failure detection
 * fast enough that a killed node is noticed within seconds.
 */
final class ClusterConfig {

    /**
     * The ports of one node, picked before any node starts since every node lists every voter. The node listens on
     * {@code clientPort} and {@code raftPort}; everyone else reaches it at {@code publicClientPort} and
     * {@code publicRaftPort}, the same ports unless a proxy sits in front of it (then they are the proxy's).
     */
    record NodePorts(int id, int clientPort, int raftPort, int publicClientPort, int publicRaftPort) {

        NodePorts(int id, int clientPort, int raftPort) {
            this(id, clientPort, raftPort, clientPort, raftPort);
        }
    }

    private ClusterConfig() {
    }

    static Map<String, String> forNode(NodePorts node, List<NodePorts> all, Path nodeWorkDir,
                                       Map<String, String> overrides) {
        int size = all.size();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("node.id", String.valueOf(node.id()));
        config.put("process.roles", "broker,controller");
        config.put("controller.quorum.voters", all.stream()
                .map(n -> n.id() + "@localhost:" + n.publicRaftPort()).collect(Collectors.joining(",")));
        config.put("listeners", "PLAINTEXT://localhost:" + node.clientPort() + ",CONTROLLER://localhost:" + node.raftPort());
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + node.publicClientPort());
        config.put("tributary.http.listener", "http://127.0.0.1:0"); // three nodes on one host
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", ClusterNode.dataDir(nodeWorkDir).toString());

        config.put("default.replication.factor", String.valueOf(Math.min(3, size)));
        config.put("min.insync.replicas", String.valueOf(Math.min(2, size)));
        config.put("offsets.topic.replication.factor", String.valueOf(Math.min(3, size)));
        config.put("transaction.state.log.replication.factor", String.valueOf(Math.min(3, size)));
        config.put("transaction.state.log.min.isr", String.valueOf(Math.min(2, size)));
        config.put("share.coordinator.state.topic.replication.factor", String.valueOf(Math.min(3, size)));
        config.put("share.coordinator.state.topic.min.isr", String.valueOf(Math.min(2, size)));
        config.put("unclean.leader.election.enable", "false");

        // Failures are detected in seconds rather than Kafka's production timeouts.
        config.put("broker.session.timeout.ms", "3000");
        config.put("broker.heartbeat.interval.ms", "500");
        config.put("replica.lag.time.max.ms", "3000");
        config.put("replica.fetch.wait.max.ms", "200");
        config.put("replica.fetch.backoff.ms", "200");
        config.put("controller.quorum.election.timeout.ms", "500");
        // Leaders stay where the scenario put them unless it elects the preferred leader itself.
        config.put("auto.leader.rebalance.enable", "false");
        config.put("auto.create.topics.enable", "false");
        config.putAll(overrides);
        // "{data}" in an override stands for the node's own data folder (e.g. log.dirs={data}/a,{data}/b)
        config.replaceAll((key, value) -> value.replace("{data}", ClusterNode.dataDir(nodeWorkDir).toString()));
        return config;
    }
}
