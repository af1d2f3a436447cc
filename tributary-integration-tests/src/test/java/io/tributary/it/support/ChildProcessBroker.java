package io.tributary.it.support;

import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;

/**
 * A broker in its own JVM, so it can be killed with SIGKILL and restarted on the same log dir and port. The
 * server.properties file and the broker's console output live in the given work dir.
 */
public final class ChildProcessBroker implements AutoCloseable {

    private static final String MAIN_CLASS = "io.tributary.server.TributaryServer";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final Path workDir;
    private final int port;
    private final Map<String, String> config = new LinkedHashMap<>();
    private Process process;
    private int starts;

    public ChildProcessBroker(Path workDir, Map<String, String> overrides) throws IOException {
        this.workDir = workDir;
        this.port = freePort();
        config.put("node.id", "1");
        config.put("listeners", "PLAINTEXT://localhost:" + port);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        config.put("log.dirs", workDir.resolve("kafka-logs").toString());
        config.put("auto.create.topics.enable", "false");
        GroupDefaults.putInto(config);
        TransactionDefaults.putInto(config);
        config.putAll(overrides);
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Starts the broker and returns once it answers ApiVersions. */
    public void start() throws Exception {
        Path propsFile = writeProperties();
        Path consoleLog = workDir.resolve("broker-" + (++starts) + ".log");
        List<String> command = JavaCommand.forMainClass(MAIN_CLASS, "-Xmx256m", propsFile.toString());
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(consoleLog.toFile())
                .start();
        awaitAnswering(consoleLog);
    }

    /** SIGKILL: no shutdown hook, no flush, exactly like a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Clean shutdown (SIGTERM), falling back to SIGKILL if the broker does not exit in time. */
    public void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
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
        }
    }

    private void awaitAnswering(Path consoleLog) throws Exception {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
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
        throw new IllegalStateException("broker did not answer within " + STARTUP_TIMEOUT + ":\n" + tail(consoleLog));
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
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no console output: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
