package io.tributary.it.cluster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server.properties of each member of a test cluster: combined nodes, or controller-only and broker-only nodes
 * (docs/cluster.md, Roles), replication settings as in config/cluster/cluster.properties (scaled down for smaller
 * clusters), and failure detection fast enough that a killed node is noticed within seconds.
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
        Map<String, String> config = common(node.id(), nodeWorkDir);
        config.put("process.roles", "broker,controller");
        config.put("controller.quorum.voters", all.stream()
                .map(n -> n.id() + "@localhost:" + n.publicRaftPort()).collect(Collectors.joining(",")));
        config.put("listeners", "PLAINTEXT://localhost:" + node.clientPort() + ",CONTROLLER://localhost:" + node.raftPort());
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + node.publicClientPort());
        putReplication(config, all.size());
        return finish(config, nodeWorkDir, overrides);
    }

    /**
     * Where a node of a cluster with separate roles finds the controllers: the static voters
     * ({@code controller.quorum.voters=1@host:port,...}) or some of their addresses
     * ({@code controller.quorum.bootstrap.servers}, KIP-853), each controller's controller listener by node id.
     */
    record Quorum(String setting, String value) {

        static Quorum voters(Map<Integer, Integer> controllerPorts) {
            return new Quorum("controller.quorum.voters", controllerPorts.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(c -> c.getKey() + "@localhost:" + c.getValue()).collect(Collectors.joining(",")));
        }

        static Quorum bootstrapServers(Map<Integer, Integer> controllerPorts) {
            return new Quorum("controller.quorum.bootstrap.servers", controllerPorts.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(c -> "localhost:" + c.getValue()).collect(Collectors.joining(",")));
        }
    }

    /**
     * A controller-only node ({@code process.roles=controller}): its controller listener on {@code port} carries
     * the Kafka protocol and Raft (docs/cluster.md, Roles).
     */
    static Map<String, String> controllerOnly(int id, int port, Quorum quorum, Path nodeWorkDir,
                                              Map<String, String> overrides) {
        Map<String, String> config = common(id, nodeWorkDir);
        config.put("process.roles", "controller");
        config.put(quorum.setting(), quorum.value());
        config.put("listeners", "CONTROLLER://localhost:" + port);
        config.put("advertised.listeners", "CONTROLLER://localhost:" + port);
        return finish(config, nodeWorkDir, overrides);
    }

    /**
     * A broker-only node ({@code process.roles=broker}) with its client listener on {@code port}, of a cluster of
     * {@code brokers} brokers (replication settings as for that many combined nodes).
     */
    static Map<String, String> brokerOnly(int id, int port, Quorum quorum, int brokers, Path nodeWorkDir,
                                          Map<String, String> overrides) {
        Map<String, String> config = common(id, nodeWorkDir);
        config.put("process.roles", "broker");
        config.put(quorum.setting(), quorum.value());
        config.put("listeners", "PLAINTEXT://localhost:" + port);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        putReplication(config, brokers);
        return finish(config, nodeWorkDir, overrides);
    }

    /** What every node of a test cluster shares, whatever its roles. */
    private static Map<String, String> common(int id, Path nodeWorkDir) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("node.id", String.valueOf(id));
        config.put("tributary.http.listener", "http://127.0.0.1:0"); // several nodes on one host
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", ClusterNode.dataDir(nodeWorkDir).toString());
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
        return config;
    }

    /** RF 3 and min ISR 2 as in config/cluster/cluster.properties, scaled down to a smaller cluster. */
    private static void putReplication(Map<String, String> config, int brokers) {
        config.put("default.replication.factor", String.valueOf(Math.min(3, brokers)));
        config.put("min.insync.replicas", String.valueOf(Math.min(2, brokers)));
        config.put("offsets.topic.replication.factor", String.valueOf(Math.min(3, brokers)));
        config.put("transaction.state.log.replication.factor", String.valueOf(Math.min(3, brokers)));
        config.put("transaction.state.log.min.isr", String.valueOf(Math.min(2, brokers)));
        config.put("share.coordinator.state.topic.replication.factor", String.valueOf(Math.min(3, brokers)));
        config.put("share.coordinator.state.topic.min.isr", String.valueOf(Math.min(2, brokers)));
    }

    private static Map<String, String> finish(Map<String, String> config, Path nodeWorkDir,
                                              Map<String, String> overrides) {
        config.putAll(overrides);
        // "{data}" in an override stands for the node's own data folder (e.g. log.dirs={data}/a,{data}/b)
        config.replaceAll((key, value) -> value.replace("{data}", ClusterNode.dataDir(nodeWorkDir).toString()));
        return config;
    }
}
