package io.tributary.it.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.tributary.it.support.ChildProcessBroker;
import io.tributary.it.support.TestClients;
import io.tributary.it.support.TestPorts;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The downloadable archive as a user gets it: unpacked anywhere, with no Maven and no source tree around it,
 * {@code bin/tributary-server.sh config/server.properties} runs a broker that the clients use.
 */
class DistributionIT {

    private static final Path DIST_TARGET = Path.of("../tributary-dist/target").toAbsolutePath().normalize();

    private Path unpacked;
    private Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        if (unpacked != null) {
            Utils.delete(unpacked.toFile());
        }
    }

    @Test
    void theUnpackedArchiveRunsABrokerWithItsOwnScriptAndConfig() throws Exception {
        // given the archive built by tributary-dist, unpacked in an empty folder
        Path archive = archive();
        unpacked = Files.createTempDirectory("tributary-dist-");
        assertThat(run(unpacked.toFile(), "tar", "xzf", archive.toString())).isZero();
        Path home;
        try (Stream<Path> entries = Files.list(unpacked)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(home.resolve("libs")).isDirectory();
        assertThat(home.resolve("README.md")).isRegularFile();
        assertThat(Files.readString(home.resolve("licenses/THIRD-PARTY.txt"))).contains("netty-transport", "kafka-clients");

        // when its script starts the broker with the shipped config (on a free port, data in the unpacked folder)
        int port = TestPorts.free();
        String listener = "PLAINTEXT://localhost:" + port;
        ProcessBuilder builder = new ProcessBuilder("bin/tributary-server.sh", "config/server.properties",
                "--override", "listeners=" + listener, "--override", "tributary.http.listener=http://127.0.0.1:0", "--override", "advertised.listeners=" + listener,
                "--override", "log.dirs=" + home.resolve("data"))
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("server.log").toFile());
        builder.environment().put("TRIBUTARY_CDS", "false");
        server = builder.start();

        // then the clients use it
        try (TestClients clients = new TestClients("localhost:" + port)) {
            await("the distribution's broker answers").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> clients.admin().describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1);
            clients.admin().createTopics(List.of(new NewTopic("from-the-archive", 1, (short) 1))).all()
                    .get(15, TimeUnit.SECONDS);
            assertThat(clients.admin().listTopics().names().get(15, TimeUnit.SECONDS)).contains("from-the-archive");
        }

        // and so does its command line
        Process cli = new ProcessBuilder("bin/tributary", "topics", "list", "--bootstrap-server", "localhost:" + port)
                .directory(home.toFile()).redirectErrorStream(true).start();
        String listed = new String(cli.getInputStream().readAllBytes());
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(listed).isZero();
        assertThat(listed).contains("from-the-archive");
    }

    private static Path archive() throws IOException {
        try (Stream<Path> files = Files.list(DIST_TARGET)) {
            return files.filter(p -> p.getFileName().toString().matches("tributary-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no archive in " + DIST_TARGET
                            + ": run the build from the project root (mvn verify) so tributary-dist is packaged first"));
        }
    }

    private static int run(File dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
