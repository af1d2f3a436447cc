package io.tributary.it.support;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;

/**
 * A broker in its own JVM, so it can be killed with SIGKILL (or paused with SIGSTOP) and restarted on the same log
 * dir and port. The server.properties file and the broker's console output (broker-N.log for the N-th start) live
 * in the given work dir; the log dir is {@code <workDir>/kafka-logs} unless the config says otherwise. The child
 * dies with the test JVM ({@link ExitsWithParent}).
 */
public final class ChildProcessBroker implements AutoCloseable {

    private static final String MAIN_CLASS = "io.tributary.server.TributaryServer";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final Path workDir;
    private final int port;
    private final Map<String, String> config = new LinkedHashMap<>();
    private Process process;
    private int starts;
    private volatile boolean paused;

    public ChildProcessBroker(Path workDir, Map<String, String> overrides) throws IOException {
        this(workDir, TestPorts.free(), overrides);
    }

    /** A broker whose client listener is on {@code port}; overrides may replace any default, listeners included. */
    public ChildProcessBroker(Path workDir, int port, Map<String, String> overrides) {
        this.workDir = workDir;
        this.port = port;
        config.put("node.id", "1");
        config.put("listeners", "PLAINTEXT://localhost:" + port);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        config.put("tributary.http.listener", "http://127.0.0.1:0"); // several brokers on one host
        config.put("log.dirs", workDir.resolve("kafka-logs").toString());
        config.put("auto.create.topics.enable", "false");
        GroupDefaults.putInto(config);
        TransactionDefaults.putInto(config);
        config.putAll(overrides);
    }

    /** The server.properties the broker was (or will be) launched with; e.g. a tool's {@code --command-config}. */
    public Path propertiesFile() {
        return workDir.resolve("server.properties");
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Starts the broker and returns once it answers ApiVersions. */
    public void start() throws Exception {
        launch();
        awaitAnswering(STARTUP_TIMEOUT);
    }

    /**
     * Starts the broker process without waiting for it: cluster members can only finish starting once enough of
     * them run, so a cluster launches them all first and then waits with {@link #awaitAnswering(Duration)}.
     */
    public void launch() throws IOException {
        paused = false;
        Files.createDirectories(workDir);
        Path propsFile = writeProperties();
        Path consoleLog = consoleLog(++starts);
        List<String> command = JavaCommand.forMainClass(ExitsWithParent.class.getName(), "-Xmx256m", MAIN_CLASS,
                propsFile.toString());
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(consoleLog.toFile())
                .start();
    }

    /** Waits until the launched broker answers ApiVersions; kills it and fails with its output after the timeout. */
    public void awaitAnswering(Duration timeout) throws Exception {
        Path consoleLog = consoleLog(starts);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("broker exited with " + process.exitValue() + ":\n" + tail(consoleLog));
            }
            if (answersApiVersions()) {
                return;
            }
            Thread.sleep(100);
        }
        kill();
        throw new IllegalStateException("broker did not answer within " + timeout + ":\n" + tail(consoleLog));
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Running but stopped by {@link #pause()}. */
    public boolean isPaused() {
        return paused && isRunning();
    }

    /** SIGKILL: no shutdown hook, no flush, exactly like a crash. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The JVM's threads as {@code jcmd PID Thread.print} prints them, for a failed test's report. */
    public String threadDump() {
        if (!isRunning()) {
            return "(not running)";
        }
        try {
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (Exception e) {
            return "(no thread dump: " + e + ")";
        }
    }

    /** SIGSTOP: the process freezes with its sockets open, like a host cut off from the network. */
    public void pause() throws Exception {
        signal("STOP");
        paused = true;
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() throws Exception {
        signal("CONT");
        paused = false;
    }

    private void signal(String name) throws Exception {
        if (!isRunning()) {
            throw new IllegalStateException("broker is not running");
        }
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** The console output of every start so far, oldest first. */
    public List<Path> consoleLogs() {
        return IntStream.rangeClosed(1, starts).mapToObj(this::consoleLog).toList();
    }

    /** The last {@code lines} lines of the latest start's console output. */
    public String consoleTail(int lines) {
        return starts == 0 ? "(never started)" : tail(consoleLog(starts), lines);
    }

    private Path consoleLog(int start) {
        return workDir.resolve("broker-" + start + ".log");
    }

    /**
     * A fast stop, not a clean one: SIGTERM, but Process.destroy() also closes the child's stdin, so
     * ExitsWithParent halts the child part-way through its shutdown hook (no controlled shutdown, checkpoints or
     * clean-shutdown marker guaranteed), much like a crash. SIGKILL if it has not exited in 15 s. For a clean
     * shutdown use {@link #terminate()}.
     */
    public void stop() throws Exception {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (paused) {
            resume(); // a stopped process would only handle SIGTERM once continued
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /**
     * A clean stop that runs to its end: SIGTERM sent with kill(1), then wait. Unlike {@link #stop()}, whose
     * Process.destroy() closes the child's stdin right after the signal, so ExitsWithParent halts the child in
     * the middle of its shutdown hook (no controlled shutdown, no checkpoints, no clean-shutdown marker). The
     * controlled shutdown may take up to 15 s, then the files are closed.
     */
    public void terminate() throws Exception {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (paused) {
            resume();
        }
        signal("TERM");
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private boolean answersApiVersions() {
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", port)) {
            var header = RawKafkaConnection.header(ApiKeys.API_VERSIONS, (short) 3, 1);
            ApiVersionsResponse response = connection.roundTrip(new ApiVersionsRequest.Builder().build((short) 3), header);
            return response.data().errorCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private Path writeProperties() throws IOException {
        Properties props = new Properties();
        props.putAll(config);
        Path file = workDir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(writer, "written by ChildProcessBroker");
        }
        return file;
    }

    private static String tail(Path log) {
        return tail(log, 40);
    }

    private static String tail(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(no console output: " + e + ")";
        }
    }
}
