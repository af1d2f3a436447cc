package io.tributary.it.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.tributary.it.support.ChildProcessBroker;

/**
 * One member of a {@link ProcessCluster}: a combined broker + controller in its own JVM, on ports fixed for the
 * cluster's lifetime so the other voters can always find it. Its data (partitions and metadata) is under
 * {@link #dataDir()}, its console output under its work dir (broker-N.log per start).
 */
public final class ClusterNode {

    private final int id;
    private final int clientPort;
    private final int raftPort;
    private final int publicClientPort;
    private final Path workDir;
    private final ChildProcessBroker process;

    ClusterNode(ClusterConfig.NodePorts ports, Path workDir, Map<String, String> config) {
        this.id = ports.id();
        this.clientPort = ports.clientPort();
        this.raftPort = ports.raftPort();
        this.publicClientPort = ports.publicClientPort();
        this.workDir = workDir;
        this.process = new ChildProcessBroker(workDir, clientPort, config);
    }

    public int id() {
        return id;
    }

    public int clientPort() {
        return clientPort;
    }

    public int raftPort() {
        return raftPort;
    }

    /** Where clients reach the node: its client port, or the proxy in front of it. */
    public String bootstrapServer() {
        return "localhost:" + publicClientPort;
    }

    public Path dataDir() {
        return dataDir(workDir);
    }

    static Path dataDir(Path nodeWorkDir) {
        return nodeWorkDir.resolve("data");
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    public boolean isPaused() {
        return process.isPaused();
    }

    void launch() throws IOException {
        process.launch();
    }

    void awaitAnswering(Duration timeout) throws Exception {
        process.awaitAnswering(timeout);
    }

    /** SIGKILL: a crash, with no controlled shutdown. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /** SIGTERM and wait (controlled shutdown), falling back to SIGKILL. */
    public void stop() throws Exception {
        process.stop();
    }

    /** SIGTERM and wait until the shutdown hook has run to its end: controlled shutdown, clean-shutdown marker. */
    public void terminate() throws Exception {
        process.terminate();
    }

    /** SIGSTOP: frozen with its sockets open, as if cut off from the network. */
    public void pause() throws Exception {
        process.pause();
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() throws Exception {
        process.resume();
    }

    /**
     * Deletes everything the node stored (partition logs and its copy of the metadata); only while stopped. The data
     * folder goes too, unless it is a mount point ({@link NodeDisk}): then it stays, empty.
     */
    public void wipe() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("node " + id + " must be stopped before its data is wiped");
        }
        Path data = dataDir();
        if (!Files.exists(data)) {
            return;
        }
        boolean mountPoint = !Files.getFileStore(data).equals(Files.getFileStore(data.getParent()));
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(data) || !mountPoint) {
                    Files.delete(path);
                }
            }
        }
    }

    public String threadDump() {
        return process.threadDump();
    }

    String consoleTail(int lines) {
        return process.consoleTail(lines);
    }

    /** The whole console output of the node's latest start. */
    String console() {
        return process.consoleTail(Integer.MAX_VALUE);
    }

    /** Best effort at the end of a run: never throws, leaves no process behind. */
    void destroy() {
        try {
            process.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "node " + id + " (" + bootstrapServer() + ", Raft " + raftPort + ")";
    }
}
