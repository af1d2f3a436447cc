package io.tributary.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.Consuming;
import io.tributary.it.support.TestClients;
import io.tributary.it.tools.KafkaToolRunner;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.tools.MetadataQuorumCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The documented command for a local cluster, {@code bin/tributary-cluster.sh}, run as a user runs it (on ports
 * moved by {@code TRIBUTARY_CLUSTER_PORT} so it cannot collide with a broker on 9092): three nodes start and form a
 * cluster that replicates a topic, one is SIGKILLed and restarted, and {@code stop} ends them all; and the same
 * with controllers and brokers apart ({@code --controllers 3 --brokers 3}).
 */
@Tag("cluster")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterScriptIT {

    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    private final Path dir = Path.of(System.getProperty("user.dir"), "target", "cluster-script-" + System.nanoTime());
    private int basePort;

    @AfterEach
    void stopEverything() throws Exception {
        if (basePort != 0) {
            run("stop");
        }
    }

    @Test
    void startsThreeNodesThatReplicateAndSurviveAKill() throws Exception {
        // given three nodes started by the script
        basePort = freeBasePort();
        String started = run("start");
        String bootstrap = "localhost:" + basePort + ",localhost:" + (basePort + 100) + ",localhost:" + (basePort + 200);
        assertThat(started).contains("bootstrap servers: " + bootstrap);
        assertThat(run("status")).contains("node 1: running", "node 2: running", "node 3: running");

        try (TestClients clients = new TestClients(bootstrap)) {
            // when a topic with three replicas is written while node 2 is SIGKILLed and restarted
            clients.admin().createTopics(List.of(new NewTopic("scripted", 1, (short) 3))).all()
                    .get(30, TimeUnit.SECONDS);
            List<String> sent = new ArrayList<>();
            try (KafkaProducer<String, String> producer = clients.producer()) {
                for (int i = 0; i < 100; i++) {
                    sent.add("before-" + i);
                    producer.send(new ProducerRecord<>("scripted", "before-" + i)).get(30, TimeUnit.SECONDS);
                }
                assertThat(run("kill", "2")).contains("node 2 killed");
                for (int i = 0; i < 100; i++) {
                    sent.add("after-" + i);
                    producer.send(new ProducerRecord<>("scripted", "after-" + i)).get(30, TimeUnit.SECONDS);
                }
            }
            assertThat(run("restart", "2")).contains("node 2 listens");

            // then every record is there, from any node
            assertThat(Consuming.values(Consuming.readToEnd(clients.consumer(),
                    Consuming.partitions("scripted", 1)))).containsExactlyElementsOf(sent);
        }
        assertThat(run("stop")).contains("node 1 stopped", "node 2 stopped", "node 3 stopped");
        basePort = 0;
    }

    @Test
    void startsControllersAndBrokersApart() throws Exception {
        // given three controller-only and three broker-only nodes started by the script
        basePort = freeBasePort();
        String started = run("start", "--controllers", "3", "--brokers", "3");
        String bootstrap = "localhost:" + (basePort + 300) + ",localhost:" + (basePort + 400) + ",localhost:"
                + (basePort + 500);
        String controllers = "localhost:" + (basePort + 1) + ",localhost:" + (basePort + 101) + ",localhost:"
                + (basePort + 201);
        assertThat(started).contains("bootstrap servers: " + bootstrap, "bootstrap controllers: " + controllers);
        assertThat(run("status")).contains("node 1: running", "node 3: running", "node 6: running");

        // when
        List<String> sent = new ArrayList<>();
        ToolResult quorum;
        try (TestClients clients = new TestClients(bootstrap)) {
            clients.admin().createTopics(List.of(new NewTopic("apart", 1, (short) 3))).all().get(30, TimeUnit.SECONDS);
            try (KafkaProducer<String, String> producer = clients.producer()) {
                for (int i = 0; i < 50; i++) {
                    sent.add("apart-" + i);
                    producer.send(new ProducerRecord<>("apart", "apart-" + i)).get(30, TimeUnit.SECONDS);
                }
            }
            quorum = KafkaToolRunner.run(MetadataQuorumCommand::main, "--bootstrap-controller", controllers,
                    "describe", "--status");

            // then
            assertThat(Consuming.values(Consuming.readToEnd(clients.consumer(), Consuming.partitions("apart", 1))))
                    .containsExactlyElementsOf(sent);
        }
        assertThat(quorum.exitCode()).as(quorum.output()).isZero();
        assertThat(quorum.out()).contains("CurrentVoters:");
        assertThat(run("stop")).contains("node 1 stopped", "node 6 stopped");
        basePort = 0;
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/tributary-cluster.sh").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--dir", dir.toString()));
        Path output = Files.createTempFile("cluster-script", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("TRIBUTARY_CLUSTER_PORT", Integer.toString(basePort));
        builder.environment().put("TRIBUTARY_HEAP_OPTS", "-Xms64m -Xmx256m");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        System.out.println("$ tributary-cluster.sh " + String.join(" ", args) + "\n" + text);
        String why = process.exitValue() == 0 ? "" : "\n" + text + nodeLogTails();
        assertThat(process.exitValue()).as("exit status of %s%s", String.join(" ", args), why).isZero();
        return text;
    }

    /** The end of every node's log, so that a failure in CI says why without the files. */
    private String nodeLogTails() throws IOException {
        StringBuilder tails = new StringBuilder();
        for (int node = 1; node <= 3; node++) {
            Path log = dir.resolve("node-" + node).resolve("server.log");
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                tails.append("--- last lines of ").append(log).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
                        .append('\n');
            }
        }
        return tails.toString();
    }

    /**
     * A port p such that p, p+1, p+100, p+101, p+200, p+201, p+300, p+400 and p+500 are free right now, below the ephemeral range so no
     * client socket takes one of them meanwhile.
     */
    private static int freeBasePort() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = 20_000 + random.nextInt(9_000);
            if (allFree(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free block of ports for the script's cluster");
    }

    private static boolean allFree(int base) {
        for (int offset : new int[] {0, 1, 100, 101, 200, 201, 300, 400, 500}) {
            try (ServerSocket ignored = new ServerSocket(base + offset)) {
                // free
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
