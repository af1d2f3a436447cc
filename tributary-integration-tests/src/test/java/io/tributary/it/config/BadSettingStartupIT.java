package io.tributary.it.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.JavaCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad setting stops start-up with Kafka's one-line ConfigException message on stderr, as a new user sees it. */
class BadSettingStartupIT {

    @TempDir
    Path dir;

    @Test
    void aValueOfTheWrongTypeStopsStartUpWithOneLineNamingIt() throws Exception {
        // given
        Path config = write("log.retention.check.interval.ms=abc\n");

        // when
        Result result = start(config);

        // then
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).isEqualTo(
                "Invalid value abc for configuration log.retention.check.interval.ms: Not a number of type LONG\n");
    }

    @Test
    void aBadOverrideStopsStartUpToo() throws Exception {
        // given
        Path config = write("");

        // when
        Result result = start(config, "--override", "auto.create.topics.enable=yes");

        // then
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).isEqualTo("Invalid value yes for configuration auto.create.topics.enable: "
                + "Expected value to be either true or false\n");
    }

    private Path write(String settings) throws IOException {
        Path config = dir.resolve("server.properties");
        Files.writeString(config, "listeners=PLAINTEXT://localhost:0\ntributary.http.listener=http://127.0.0.1:0\nlog.dirs=" + dir.resolve("data") + "\n"
                + settings);
        return config;
    }

    private Result start(Path config, String... overrides) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(config.toString()));
        args.addAll(List.of(overrides));
        Process process = new ProcessBuilder(JavaCommand.forMainClass("io.tributary.server.TributaryServer",
                "-Xmx256m", args.toArray(String[]::new)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the broker exits").isTrue();
        return new Result(process.exitValue(), stderr);
    }

    private record Result(int exitCode, String stderr) {
    }
}
