package io.tributary.embedded;

import io.tributary.server.TributaryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Tributary broker running in this JVM: the same server as {@code bin/tributary-server.sh}, with the full protocol,
 * on an ephemeral port and with its data in a temporary folder.
 *
 * <pre>
 * try (EmbeddedTributary broker = EmbeddedTributary.builder().config("num.partitions", 3).start()) {
 *     Map&lt;String, Object&gt; producerConfig = Map.of("bootstrap.servers", broker.bootstrapServers());
 *     ...
 * }
 * </pre>
 *
 * <p>Instances are independent: each has its own port, data, threads and metadata; the server keeps no mutable
 * static state, so several brokers (and several test classes running in parallel) can share one JVM.
 *
 * <p>Thread safety: {@link #bootstrapServers()} may be called from any thread; {@link #stop()}, {@link #start()},
 * {@link #restart()} and {@link #close()} are serialized.
 */
public final class EmbeddedTributary implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTributary.class);
    private static final String LISTENERS = "listeners";

    private final Map<String, String> config;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private volatile TributaryServer server;
    private volatile int lastPort = -1;
    private boolean closed;

    private EmbeddedTributary(Map<String, String> config, Path dataDir, boolean deleteOnClose) {
        this.config = Map.copyOf(config);
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
    }

    /** A builder with defaults for one node: node 1, {@code PLAINTEXT://localhost:0}, a temporary data folder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker if it is stopped; returns once it answers requests. After a {@link #stop()} it comes back with
     * its data and node id, on the port it had if that port is still free (see {@link #restart()}).
     */
    public synchronized EmbeddedTributary start() {
        if (closed) {
            throw new IllegalStateException("This broker is closed");
        }
        if (server != null) {
            return this;
        }
        try {
            if (lastPort > 0 && samePortListeners() != null) {
                try {
                    server = TributaryServer.start(properties(samePortListeners()));
                } catch (Exception portTaken) {
                    LOG.info("Embedded broker {} cannot have port {} again ({}): it gets a new one", nodeId(),
                            lastPort, portTaken.toString());
                    // Someone else has the port now: a new ephemeral one, as configured.
                    server = TributaryServer.start(properties(config.get(LISTENERS)));
                }
            } else {
                server = TributaryServer.start(properties(config.get(LISTENERS)));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded broker " + nodeId(), e);
        }
        lastPort = server.boundPort();
        return this;
    }

    /** Stops the broker (a controlled shutdown, as the server's), keeping its data for {@link #start()}. */
    public synchronized void stop() {
        stop(true);
    }

    /**
     * Stops the broker without a controlled shutdown (files closed, but leaderships move only once the controller
     * notices the node is gone), keeping its data: closer to a crash than {@link #stop()}.
     */
    public synchronized void stopWithoutControlledShutdown() {
        stop(false);
    }

    private void stop(boolean controlled) {
        TributaryServer running = server;
        server = null;
        if (running != null) {
            if (controlled) {
                running.close();
            } else {
                running.closeWithoutControlledShutdown();
            }
        }
    }

    /**
     * Stops and starts the broker again with the same data folder, node id and settings. The port stays the same when
     * it is still free (the usual case), otherwise the broker gets a new ephemeral port: read
     * {@link #bootstrapServers()} again after a restart rather than keeping the old value.
     */
    public synchronized EmbeddedTributary restart() {
        stop();
        return start();
    }

    /** {@code localhost:port} of the first client listener; valid while the broker runs. */
    public String bootstrapServers() {
        TributaryServer running = server;
        if (running == null) {
            throw new IllegalStateException("The embedded broker " + nodeId() + " is not running");
        }
        return running.bootstrapServers();
    }

    /** The port of the first client listener (the broker must be running). */
    public int port() {
        TributaryServer running = server;
        if (running == null) {
            throw new IllegalStateException("The embedded broker " + nodeId() + " is not running");
        }
        return running.boundPort();
    }

    /**
     * The port of the HTTP endpoint serving {@code /metrics} and the health probes (on 127.0.0.1, a free port by
     * default; the broker must be running and {@code tributary.http.listener} not set empty).
     */
    public int httpPort() {
        TributaryServer running = server;
        if (running == null) {
            throw new IllegalStateException("The embedded broker " + nodeId() + " is not running");
        }
        return running.httpPort().orElseThrow(() -> new IllegalStateException(
                "The embedded broker " + nodeId() + " has no HTTP endpoint (tributary.http.listener is empty)"));
    }

    public boolean isRunning() {
        return server != null;
    }

    public int nodeId() {
        return Integer.parseInt(config.get("node.id"));
    }

    /** The folder holding this broker's data ({@code log.dirs} is its {@code logs} subfolder). */
    public Path dataDir() {
        return dataDir;
    }

    /** The settings the broker starts with (defaults, then the builder's), without {@code log.dirs}. */
    public Map<String, String> config() {
        return config;
    }

    /** Stops the broker and removes the data folder, unless it was kept or given with {@link Builder#dataDir}. */
    @Override
    public void close() {
        close(true);
    }

    synchronized void close(boolean controlled) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop(controlled);
        } finally {
            if (deleteOnClose) {
                deleteRecursively(dataDir);
            }
        }
    }

    @Override
    public String toString() {
        TributaryServer running = server;
        return "EmbeddedTributary[node " + nodeId() + (running != null ? ", " + running.bootstrapServers()
                : ", stopped") + ", " + dataDir + "]";
    }

    /** The configured listeners with an ephemeral client port replaced by the last bound one, or null. */
    private String samePortListeners() {
        String listeners = config.get(LISTENERS);
        if (listeners == null || listeners.contains(",") || !listeners.trim().endsWith(":0")) {
            return null; // several listeners or a fixed port: as configured
        }
        String trimmed = listeners.trim();
        return trimmed.substring(0, trimmed.length() - 1) + lastPort;
    }

    private Properties properties(String listeners) {
        Properties props = new Properties();
        props.putAll(config);
        if (listeners != null) {
            props.setProperty(LISTENERS, listeners);
        }
        if (!config.containsKey("log.dirs") && !config.containsKey("log.dir")) {
            props.setProperty("log.dirs", dataDir.resolve("logs").toString());
        }
        return props;
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Leftovers in the temporary folder are harmless.
        }
    }

    /**
     * Settings of an embedded broker. Defaults: node 1, {@code listeners=PLAINTEXT://localhost:0}, the HTTP endpoint
     * ({@code tributary.http.listener}) on a free port of 127.0.0.1, a single-replica
     * {@code __consumer_offsets} and {@code __transaction_state} of 5 partitions each, no initial rebalance delay for
     * new groups, and otherwise Kafka's defaults (topics are auto-created). Any broker setting can be given by name.
     */
    public static final class Builder {
        private final Map<String, String> config = new LinkedHashMap<>();
        private Path dataDir;
        private boolean keepData;

        private Builder() {
            config.put("node.id", "1");
            config.put(LISTENERS, "PLAINTEXT://localhost:0");
            // One broker: the internal topics cannot have Kafka's default three replicas (nor a min ISR of two).
            config.put("offsets.topic.replication.factor", "1");
            config.put("offsets.topic.num.partitions", "5");
            config.put("transaction.state.log.replication.factor", "1");
            config.put("transaction.state.log.min.isr", "1");
            config.put("transaction.state.log.num.partitions", "5");
            // Kafka waits 3 s for more members before a new group's first rebalance; tests cannot afford that.
            config.put("group.initial.rebalance.delay.ms", "0");
            // Metrics and probes on a free port: several brokers share a JVM or a host in tests.
            config.put("tributary.http.listener", "http://127.0.0.1:0");
        }

        public Builder nodeId(int nodeId) {
            return config("node.id", nodeId);
        }

        /** Any broker setting, by its Kafka name ({@code value} is turned into a string). */
        public Builder config(String key, Object value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value of " + key);
            config.put(key, String.valueOf(value));
            return this;
        }

        /** Settings by name, as {@link #config(String, Object)}. */
        public Builder config(Map<String, ?> settings) {
            settings.forEach(this::config);
            return this;
        }

        /** Keeps the temporary data folder after {@link EmbeddedTributary#close()} (default: removed). */
        public Builder keepData(boolean keepData) {
            this.keepData = keepData;
            return this;
        }

        /** The data folder to use instead of a temporary one; it is never removed by {@code close()}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** The broker, not started yet: see {@link EmbeddedTributary#start()}. */
        public EmbeddedTributary build() {
            try {
                Path dir = dataDir != null ? Files.createDirectories(dataDir)
                        : Files.createTempDirectory("tributary-embedded-");
                return new EmbeddedTributary(config, dir, dataDir == null && !keepData);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create the data folder", e);
            }
        }

        /** Builds and starts the broker; returns once it answers requests. */
        public EmbeddedTributary start() {
            EmbeddedTributary broker = build();
            try {
                return broker.start();
            } catch (RuntimeException | Error e) {
                broker.close();
                throw e;
            }
        }
    }
}
