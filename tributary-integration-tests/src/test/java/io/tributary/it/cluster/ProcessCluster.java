package io.tributary.it.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.tributary.it.cluster.ClusterConfig.NodePorts;
import io.tributary.it.nemesis.LinkMode;
import io.tributary.it.nemesis.LinkProxy;
import io.tributary.it.nemesis.NodeLinks;
import io.tributary.it.support.TestClients;
import io.tributary.it.support.TestPorts;

/**
 * A cluster of combined broker + controller nodes, each in its own JVM on this machine, for tests that kill, pause,
 * restart and wipe nodes. Node ids are 1..size; ports are picked once, up front, and kept across restarts. Each
 * node's data and console logs live under {@code target/cluster-it/<name>-<time>/node-<id>}. Every child is killed
 * by {@link #close()}, by a shutdown hook if the test JVM exits first, and by the child itself if the test JVM dies.
 * <p>
 * A proxied cluster puts a {@link LinkProxy} in front of each node's client and Raft ports and has the nodes
 * advertise and list the proxies' ports, so every client and node-to-node link passes a proxy ({@link #links(int)}).
 */
public final class ProcessCluster implements AutoCloseable {

    static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration CLUSTER_READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final List<ClusterNode> nodes = new ArrayList<>();
    private final Map<Integer, NodeLinks> links = new LinkedHashMap<>();
    private final Map<Integer, NodeDisk> disks = new ConcurrentHashMap<>(); // the shutdown hook unmounts too
    private final Thread killChildrenOnExit = new Thread(this::destroyAll, "process-cluster-cleanup");
    private TestClients clients;
    private ClusterState state;

    public ProcessCluster(String name, int size, Map<String, String> overrides) throws IOException {
        this(name, size, overrides, false);
    }

    /** As above; with {@code proxied}, every link into a node passes a proxy the test controls. */
    public ProcessCluster(String name, int size, Map<String, String> overrides, boolean proxied) throws IOException {
        this(name, size, overrides, proxied, id -> Map.of());
    }

    /** As above; {@code nodeOverrides} gives each node's own settings (e.g. its broker.rack) by node id. */
    public ProcessCluster(String name, int size, Map<String, String> overrides, boolean proxied,
                          IntFunction<Map<String, String>> nodeOverrides) throws IOException {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS"));
        this.workDir = Path.of(System.getProperty("basedir", "."), "target", "cluster-it", name + "-" + time)
                .toAbsolutePath();
        List<NodePorts> ports = pickPorts(size);
        if (proxied) {
            ports = withProxies(ports);
        }
        for (NodePorts node : ports) {
            Path nodeDir = workDir.resolve("node-" + node.id());
            Files.createDirectories(nodeDir);
            Map<String, String> nodeConfig = new LinkedHashMap<>(overrides);
            nodeConfig.putAll(nodeOverrides.apply(node.id()));
            nodes.add(new ClusterNode(node, nodeDir, ClusterConfig.forNode(node, ports, nodeDir, nodeConfig)));
        }
    }

    private List<NodePorts> withProxies(List<NodePorts> direct) throws IOException {
        List<NodePorts> proxied = new ArrayList<>();
        try {
            for (NodePorts node : direct) {
                NodeLinks nodeLinks = new NodeLinks(node.id(),
                        new LinkProxy("node-" + node.id() + "-client", node.clientPort()),
                        new LinkProxy("node-" + node.id() + "-raft", node.raftPort()));
                links.put(node.id(), nodeLinks);
                proxied.add(new NodePorts(node.id(), node.clientPort(), node.raftPort(), nodeLinks.client().port(),
                        nodeLinks.raft().port()));
            }
        } catch (IOException e) {
            links.values().forEach(NodeLinks::close);
            throw e;
        }
        return proxied;
    }

    /** The proxies in front of a node of a proxied cluster. */
    public NodeLinks links(int id) {
        NodeLinks nodeLinks = links.get(id);
        if (nodeLinks == null) {
            throw new IllegalStateException("node " + id + " has no proxies: the cluster was not created proxied");
        }
        return nodeLinks;
    }

    /**
     * Before {@link #start()}: puts each node's whole data folder on its own tmpfs of {@code sizeMiB}, unmounted by
     * {@link #close()}. False, with nothing mounted, when mounting is not allowed (not root). First unmounts what a
     * killed earlier run left mounted under {@code target/cluster-it}.
     */
    public boolean mountOwnDisks(int sizeMiB) throws IOException, InterruptedException {
        NodeDisk.unmountStale(workDir.getParent());
        for (ClusterNode node : nodes) {
            Optional<NodeDisk> disk = NodeDisk.mount(node.dataDir(), sizeMiB);
            if (disk.isEmpty()) {
                unmountDisks();
                return false;
            }
            disks.put(node.id(), disk.get());
        }
        return true;
    }

    /** The node's own disk, if {@link #mountOwnDisks} mounted one. */
    public Optional<NodeDisk> disk(int id) {
        return Optional.ofNullable(disks.get(id));
    }

    /** Launches every node at once (none can finish starting alone), then waits until all are live brokers. */
    public void start() throws Exception {
        Runtime.getRuntime().addShutdownHook(killChildrenOnExit);
        for (ClusterNode node : nodes) {
            node.launch();
        }
        for (ClusterNode node : nodes) {
            node.awaitAnswering(NODE_START_TIMEOUT);
        }
        clients = new TestClients(bootstrapServers());
        state = new ClusterState(clients);
        awaitLiveBrokers(allIds(), CLUSTER_READY_TIMEOUT);
    }

    /** Every node's client address, so clients find the cluster whichever nodes are down. */
    public String bootstrapServers() {
        return nodes.stream().map(ClusterNode::bootstrapServer).collect(Collectors.joining(","));
    }

    public List<ClusterNode> nodes() {
        return List.copyOf(nodes);
    }

    public ClusterNode node(int id) {
        return nodes.stream().filter(node -> node.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    public Set<Integer> allIds() {
        return nodes.stream().map(ClusterNode::id).collect(Collectors.toSet());
    }

    /** Clients pointed at every node; closed with the cluster. */
    public TestClients clients() {
        return clients;
    }

    /** Leaders, replicas, ISR and the metadata quorum, read through the Admin client. */
    public ClusterState state() {
        return state;
    }

    /** Starts a stopped (killed, or stopped and wiped) node again and waits until it is a live broker. */
    public void restart(ClusterNode node) throws Exception {
        if (node.isRunning()) {
            throw new IllegalStateException(node + " is still running");
        }
        node.launch();
        node.awaitAnswering(NODE_START_TIMEOUT);
        awaitLiveBrokers(allIds(), CLUSTER_READY_TIMEOUT);
    }

    /**
     * Puts the cluster back together after a scenario, passed or failed: resumes paused nodes, starts stopped ones
     * and waits until every node is a live broker again, so the next test of the class starts from a whole cluster.
     */
    public void heal() throws Exception {
        links.values().forEach(nodeLinks -> nodeLinks.set(LinkMode.PASS));
        for (ClusterNode node : nodes) {
            if (node.isPaused()) {
                node.resume();
            } else if (!node.isRunning()) {
                node.launch();
            }
        }
        for (ClusterNode node : nodes) {
            node.awaitAnswering(NODE_START_TIMEOUT);
        }
        awaitLiveBrokers(allIds(), CLUSTER_READY_TIMEOUT);
    }

    /** Waits until the registered, unfenced brokers (what DescribeCluster lists) are exactly {@code ids}. */
    public void awaitLiveBrokers(Set<Integer> ids, Duration timeout) {
        await("live brokers " + ids).atMost(timeout).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(state::liveBrokerIds, ids::equals); // a timeout reports the last brokers seen
    }

    /** The last lines of every node's console output, for a failed test's report. */
    public String diagnostics(int linesPerNode) {
        StringBuilder out = new StringBuilder("Cluster under " + workDir + "\n");
        for (ClusterNode node : nodes) {
            out.append("---- ").append(node).append(node.isRunning() ? ", running" : ", stopped")
                    .append(": last ").append(linesPerNode).append(" lines ----\n")
                    .append(node.consoleTail(linesPerNode)).append('\n');
        }
        return out.toString();
    }

    /** Every running node's threads, into {@code threads-<label>-node-<id>.txt} under the cluster's directory. */
    public void writeThreadDumps(String label) {
        for (ClusterNode node : nodes) {
            try {
                Files.writeString(workDir.resolve("threads-" + label + "-node-" + node.id() + ".txt"),
                        node.threadDump());
            } catch (IOException e) {
                System.err.println("[cluster] no thread dump of " + node + ": " + e);
            }
        }
    }

    public Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
        destroyAll();
        links.values().forEach(NodeLinks::close);
        try {
            Runtime.getRuntime().removeShutdownHook(killChildrenOnExit);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // the JVM is already exiting (the hook runs anyway) or start() never registered it
        }
    }

    private void destroyAll() {
        nodes.forEach(ClusterNode::destroy);
        unmountDisks(); // after the nodes are gone, so nothing of theirs holds the mounts
    }

    private void unmountDisks() {
        disks.values().forEach(NodeDisk::unmount);
        disks.clear();
    }

    /** Ports below the ephemeral range (see {@link TestPorts}), so no client socket takes one before its node binds it. */
    private static List<NodePorts> pickPorts(int size) {
        return IntStream.rangeClosed(1, size).mapToObj(id -> new NodePorts(id, TestPorts.free(), TestPorts.free()))
                .toList();
    }
}
