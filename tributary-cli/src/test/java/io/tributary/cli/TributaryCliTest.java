package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.junit.BootstrapServers;
import io.tributary.embedded.junit.Tributary;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line against a real broker, as a user of the distribution types it. */
@Tributary(config = {"num.partitions=2"})
class TributaryCliTest {

    @BootstrapServers
    static String bootstrap;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withBootstrap = new String[args.length + 2];
        System.arraycopy(args, 0, withBootstrap, 0, args.length);
        withBootstrap[args.length] = "--bootstrap-server";
        withBootstrap[args.length + 1] = bootstrap;
        int code = TributaryCli.run(new PrintWriter(out, true), new PrintWriter(err, true), withBootstrap);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void topicsAreCreatedDescribedListedAndDeleted() {
        assertThat(run("topics", "create", "cli-orders", "-p", "3", "-c", "retention.ms=60000").exitCode()).isZero();

        assertThat(run("topics", "list").out()).contains("cli-orders");
        Result describe = run("topics", "describe", "cli-orders");
        assertThat(describe.out()).contains("TOPIC", "LEADER", "ISR").containsPattern("cli-orders\\s+2\\s+1\\s+1\\s+1");

        assertThat(run("topics", "delete", "cli-orders").exitCode()).isZero();
        assertThat(run("topics", "list").out()).doesNotContain("cli-orders");
    }

    @Test
    void producedLinesAreConsumedWithKeysAndTheGroupShowsNoLag() {
        // given lines sent with keys
        assertThat(run("topics", "create", "cli-lines", "-p", "1").exitCode()).isZero();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TributaryCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ProduceCommand produce = cli.getSubcommands().get("produce").getCommand();
        produce.input = new ByteArrayInputStream("a:one\nb:two\nc:three\n".getBytes(StandardCharsets.UTF_8));
        assertThat(cli.execute("produce", "cli-lines", "-k", ":", "-b", bootstrap)).isZero();
        assertThat(err.toString()).contains("Sent 3 record(s)");

        // when a group consumes two of them
        Result consumed = run("consume", "cli-lines", "--from-beginning", "--print-key", "-n", "2", "-g", "cli-group");

        // then it printed exactly those, and the group's committed offset is 2 with lag 1
        assertThat(consumed.exitCode()).isZero();
        assertThat(consumed.out()).isEqualTo("a\tone" + System.lineSeparator() + "b\ttwo" + System.lineSeparator());
        assertThat(run("groups", "list").out()).contains("cli-group");
        assertThat(run("groups", "describe", "cli-group").out()).containsPattern("cli-lines\\s+0\\s+2\\s+3\\s+1");
    }

    @Test
    void withoutAGroupTheTopicIsReadFromTheBeginning() {
        // given a record in a topic
        assertThat(run("topics", "create", "cli-nogroup", "-p", "1").exitCode()).isZero();
        CommandLine cli = new CommandLine(new TributaryCli());
        cli.setErr(new PrintWriter(new StringWriter(), true));
        ProduceCommand produce = cli.getSubcommands().get("produce").getCommand();
        produce.input = new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8));
        assertThat(cli.execute("produce", "cli-nogroup", "-b", bootstrap)).isZero();

        // when it is consumed without --group, as the README shows
        Result consumed = run("consume", "cli-nogroup", "--from-beginning", "-n", "1");

        // then the record is printed
        assertThat(consumed.exitCode()).isZero();
        assertThat(consumed.out()).isEqualTo("hello" + System.lineSeparator());
    }

    @Test
    void clusterNamesTheBrokerAndErrorsAreReportedWithTheClientsMessage() {
        assertThat(run("cluster").out()).contains("Cluster id:", "Controller: 1").containsPattern("1\\s+localhost");

        Result missing = run("topics", "describe", "no-such-topic");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("Error: This server does not host this topic-partition.");
    }
}
