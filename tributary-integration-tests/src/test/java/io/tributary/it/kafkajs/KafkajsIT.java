package io.tributary.it.kafkajs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Groups;
import io.tributary.it.support.TopicNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KafkaJS 2.x, the most used pure-JavaScript client, against the broker: it speaks old protocol versions (EndTxn v1,
 * LeaveGroup v0-3) and knows only the error codes those versions define. The scenarios are in
 * {@code src/test/kafkajs/scenarios.js}; skipped unless {@code npm ci} was run there ({@code .ci/run} does it).
 */
class KafkajsIT {

    private static final Path SCENARIOS = Path.of("src/test/kafkajs").toAbsolutePath();
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @BeforeAll
    static void kafkajsInstalled() {
        assumeThat(Files.isDirectory(SCENARIOS.resolve("node_modules/kafkajs")))
                .as("kafkajs installed with npm ci in " + SCENARIOS).isTrue();
    }

    @Test
    void fencedTransactionalProducerIsToldInTermsItKnows() throws Exception {
        // given a topic, and two KafkaJS transactional producers with the same transactional id
        String topic = TopicNames.unique("kafkajs-fenced");
        broker.createTopic(topic, 1);

        // when the first one commits after the second initialized
        Map<String, String> seen = run("fenced-transaction", topic);

        // then KafkaJS recognises the fencing (INVALID_PRODUCER_EPOCH for its EndTxn v1), not "Unknown error code 90"
        assertThat(seen).containsEntry("currentCommit", "ok");
        assertThat(seen.get("zombieCommit")).contains("INVALID_PRODUCER_EPOCH").doesNotContain("Unknown error");
    }

    @Test
    void consumerThatDisconnectsLeavesItsGroupAtOnce() throws Exception {
        // given
        String topic = TopicNames.unique("kafkajs-group");
        String group = Groups.uniqueGroupId("kafkajs");

        // when a KafkaJS admin creates the topic, a producer writes, and a member reads and disconnects
        Map<String, String> seen = run("group-leave", topic, group);

        // then the group is empty at once (the member's session is 60 s) and can be deleted
        assertThat(seen).containsEntry("created", "true")
                .containsEntry("read", "a,b,c")
                .containsEntry("groupState", "Empty")
                .containsEntry("groupMembers", "0")
                .containsEntry("committed", "3")
                .containsEntry("deleted", "ok");
    }

    /** Runs one scenario with node; returns the key=value lines it printed, failing with its output otherwise. */
    private static Map<String, String> run(String scenario, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "scenarios.js", scenario,
                broker.bootstrapServers()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(SCENARIOS.toFile()).start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(scenario + " did not finish within " + RUN_TIMEOUT + ": " + out.getNow(""));
        }
        Map<String, String> seen = new LinkedHashMap<>();
        out.get().lines().filter(line -> line.contains("=")).forEach(line ->
                seen.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        assertThat(process.exitValue()).as("%s exit code; printed %s; stderr %s", scenario, seen, err.get()).isZero();
        return seen;
    }

    private static String readAll(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
