package io.tributary.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Several Tributary nodes in this JVM forming one cluster: every node a broker and a voter of the metadata quorum
 * ({@code process.roles=broker,controller}, see docs/cluster.md), with replication settings as
 * {@code config/cluster/cluster.properties} (scaled down below three nodes) and failure detection in seconds.
 *
 * <pre>
 * try (EmbeddedTributaryCluster cluster = EmbeddedTributaryCluster.builder().nodes(3).start()) {
 *     String bootstrap = cluster.bootstrapServers();
 *     cluster.node(2).stop();   // leadership moves to the other replicas
 *     cluster.node(2).start();  // back with its data, on the same ports
 * }
 * </pre>
 *
 * Ports (client and Raft) are picked free before the nodes start, since every node lists every voter; a stopped
 * node comes back on the same ports. Closing the cluster stops all nodes at once and removes their data.
 */
public final class EmbeddedTributaryCluster implements AutoCloseable {

    private final List<EmbeddedTributary> nodes;

    private EmbeddedTributaryCluster(List<EmbeddedTributary> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Node ids are 1..N. */
    public EmbeddedTributary node(int nodeId) {
        if (nodeId < 1 || nodeId > nodes.size()) {
            throw new IllegalArgumentException("No node " + nodeId + " in a cluster of " + nodes.size());
        }
        return nodes.get(nodeId - 1);
    }

    public List<EmbeddedTributary> nodes() {
        return nodes;
    }

    /** {@code host:port} of every running node, comma-separated. */
    public String bootstrapServers() {
        return nodes.stream().filter(EmbeddedTributary::isRunning).map(EmbeddedTributary::bootstrapServers)
                .collect(Collectors.joining(","));
    }

    /** Starts the stopped nodes together (a node waits for a quorum before it answers). */
    public EmbeddedTributaryCluster start() {
        inParallel(nodes.stream().filter(node -> !node.isRunning()).toList(), EmbeddedTributary::start);
        return this;
    }

    /**
     * Stops every node at once, without controlled shutdowns (the last nodes would have no quorum left to confirm
     * them and would each wait 15 s), and removes their data (unless kept).
     */
    @Override
    public void close() {
        inParallel(nodes, node -> node.close(false));
    }

    private static void inParallel(List<EmbeddedTributary> nodes, Consumer<EmbeddedTributary> action) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (EmbeddedTributary node : nodes) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    action.accept(node);
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "embedded-tributary-node-" + node.nodeId());
            thread.setDaemon(true);
            thread.start();
            all.add(done);
        }
        // The first failure ends the wait: a node that could not start leaves the others waiting for a quorum or
        // an active controller that may never come (they would block the caller for good).
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        for (CompletableFuture<Void> done : all) {
            done.whenComplete((ignored, failure) -> {
                if (failure != null) firstFailure.completeExceptionally(failure);
            });
        }
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)), firstFailure).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "EmbeddedTributaryCluster" + nodes;
    }

    /** A cluster of 3 nodes by default; any broker setting by name applies to every node. */
    public static final class Builder {
        private int size = 3;
        private final Map<String, String> config = new LinkedHashMap<>();
        private boolean keepData;

        private Builder() {
        }

        public Builder nodes(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("A cluster needs at least one node");
            }
            this.size = size;
            return this;
        }

        /** A broker setting for every node, by its Kafka name, over the cluster defaults. */
        public Builder config(String key, Object value) {
            config.put(Objects.requireNonNull(key, "key"), String.valueOf(Objects.requireNonNull(value, key)));
            return this;
        }

        public Builder keepData(boolean keepData) {
            this.keepData = keepData;
            return this;
        }

        /** The cluster, its nodes not started. */
        public EmbeddedTributaryCluster build() {
            int[] clientPorts = new int[size];
            int[] raftPorts = new int[size];
            freePorts(clientPorts, raftPorts);
            String voters = java.util.stream.IntStream.range(0, size)
                    .mapToObj(i -> (i + 1) + "@localhost:" + raftPorts[i]).collect(Collectors.joining(","));
            List<EmbeddedTributary> nodes = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                EmbeddedTributary.Builder node = EmbeddedTributary.builder().nodeId(i + 1).keepData(keepData)
                        .config("process.roles", "broker,controller")
                        .config("controller.quorum.voters", voters)
                        .config("listeners", "PLAINTEXT://localhost:" + clientPorts[i]
                                + ",CONTROLLER://localhost:" + raftPorts[i])
                        .config("advertised.listeners", "PLAINTEXT://localhost:" + clientPorts[i])
                        .config("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
                        .config("controller.listener.names", "CONTROLLER")
                        .config("inter.broker.listener.name", "PLAINTEXT")
                        .config("default.replication.factor", Math.min(3, size))
                        .config("min.insync.replicas", Math.min(2, size))
                        .config("offsets.topic.replication.factor", Math.min(3, size))
                        .config("transaction.state.log.replication.factor", Math.min(3, size))
                        .config("transaction.state.log.min.isr", Math.min(2, size))
                        // Failures are noticed in seconds rather than with Kafka's production timeouts.
                        .config("broker.session.timeout.ms", 3000)
                        .config("broker.heartbeat.interval.ms", 500)
                        .config("replica.lag.time.max.ms", 3000)
                        .config("replica.fetch.wait.max.ms", 200)
                        .config("replica.fetch.backoff.ms", 200)
                        .config("controller.quorum.election.timeout.ms", 500)
                        .config(config);
                nodes.add(node.build());
            }
            return new EmbeddedTributaryCluster(nodes);
        }

        /** Builds and starts every node; returns once all answer requests. */
        public EmbeddedTributaryCluster start() {
            EmbeddedTributaryCluster cluster = build();
            try {
                return cluster.start();
            } catch (RuntimeException | Error e) {
                cluster.close();
                throw e;
            }
        }

        /** Distinct free ports, all held open until every one is picked so none is handed out twice. */
        private static void freePorts(int[] clientPorts, int[] raftPorts) {
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < clientPorts.length; i++) {
                    clientPorts[i] = hold(held);
                    raftPorts[i] = hold(held);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not find free ports", e);
            } finally {
                for (ServerSocket socket : held) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // nothing bound to release
                    }
                }
            }
        }

        private static int hold(List<ServerSocket> held) throws IOException {
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            socket.setReuseAddress(true);
            held.add(socket);
            return socket.getLocalPort();
        }
    }
}
