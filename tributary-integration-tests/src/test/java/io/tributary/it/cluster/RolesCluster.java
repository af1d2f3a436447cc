package io.tributary.it.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tributary.it.support.ChildProcessBroker;
import io.tributary.it.support.TestPorts;

/**
 * Controller-only and broker-only nodes (docs/cluster.md, Roles), each in its own JVM: node ids 1..count, each with
 * one port picked up front (a controller's controller listener, a broker's client listener) and its work dir under
 * {@code target/cluster-it/<name>-<time>/node-<id>}. The test gives each node its configuration
 * ({@link ClusterConfig#controllerOnly}, {@link ClusterConfig#brokerOnly}) and starts the nodes when it needs them.
 */
final class RolesCluster implements AutoCloseable {

    static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final Map<Integer, Integer> ports = new LinkedHashMap<>();
    private final Map<Integer, ChildProcessBroker> nodes = new LinkedHashMap<>();

    RolesCluster(String name, int count) {
        this.workDir = Path.of(System.getProperty("basedir", "."), "target", "cluster-it",
                name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS"))).toAbsolutePath();
        for (int id = 1; id <= count; id++) {
            ports.put(id, TestPorts.free());
        }
    }

    int port(int id) {
        return ports.get(id);
    }

    /** The node's next start listens on another free port (define it again with that port). */
    void moveToNewPort(int id) {
        ports.put(id, TestPorts.free());
    }

    /** The ports of these nodes by id, e.g. for {@link ClusterConfig.Quorum}. */
    Map<Integer, Integer> ports(Collection<Integer> ids) {
        Map<Integer, Integer> selected = new LinkedHashMap<>();
        ids.forEach(id -> selected.put(id, ports.get(id)));
        return selected;
    }

    Path nodeDir(int id) {
        return workDir.resolve("node-" + id);
    }

    Path workDir() {
        return workDir;
    }

    /** Sets the node's configuration; it is launched later. */
    void define(int id, Map<String, String> config) {
        nodes.put(id, new ChildProcessBroker(nodeDir(id), ports.get(id), config));
    }

    ChildProcessBroker node(int id) {
        return nodes.get(id);
    }

    /** Launches these nodes at once (controllers cannot finish starting alone), then waits until each answers. */
    void start(Collection<Integer> ids) throws Exception {
        for (int id : ids) {
            nodes.get(id).launch();
        }
        for (int id : ids) {
            nodes.get(id).awaitAnswering(NODE_START_TIMEOUT);
        }
    }

    void kill(int id) throws InterruptedException {
        nodes.get(id).kill();
    }

    /** "localhost:port,..." of these nodes: bootstrap servers or bootstrap controllers. */
    String addresses(Collection<Integer> ids) {
        return ids.stream().map(id -> "localhost:" + ports.get(id)).collect(Collectors.joining(","));
    }

    /** Whether no running controller of these keeps the first segment of its Raft log (log_0-...) any more. */
    boolean raftLogStartsPurged(Collection<Integer> controllers) throws IOException {
        for (int id : controllers) {
            if (!nodes.get(id).isRunning()) {
                continue;
            }
            Path raft = ClusterNode.dataDir(nodeDir(id)).resolve("raft");
            if (!Files.isDirectory(raft)) {
                return false;
            }
            try (Stream<Path> files = Files.walk(raft)) {
                if (files.anyMatch(f -> f.getFileName().toString().startsWith("log_0-")
                        || f.getFileName().toString().equals("log_inprogress_0"))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Kills every node (SIGKILL); their data and console logs stay under {@link #workDir()}. */
    @Override
    public void close() throws InterruptedException {
        for (ChildProcessBroker node : nodes.values()) {
            node.kill();
        }
    }
}
