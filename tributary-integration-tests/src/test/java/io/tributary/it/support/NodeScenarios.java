package io.tributary.it.support;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Runs the scenarios of a node client's {@code scenarios.js} (in a directory under {@code src/test} with its own
 * package.json): each prints what it saw as key=value lines. Security settings go in the environment (see each
 * script's header), so passwords stay off the command line.
 */
public final class NodeScenarios {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final Path installedMarker;

    /** {@code installedMarker}: a path under the directory that exists once {@code npm ci} installed the client. */
    public NodeScenarios(String directory, String installedMarker) {
        this.directory = Path.of(directory).toAbsolutePath();
        this.installedMarker = this.directory.resolve(installedMarker);
    }

    /** Whether {@code npm ci} was run in the scenarios' directory ({@code .ci/run} does it). */
    public boolean installed() {
        return Files.exists(installedMarker);
    }

    public String installHint() {
        return installedMarker + " (npm ci in " + directory + ")";
    }

    /** Runs one scenario; returns the key=value lines it printed, failing with its output if it did not exit 0. */
    public Map<String, String> run(Map<String, String> environment, String scenario, String bootstrap,
                                   String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "scenarios.js", scenario, bootstrap));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
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
