package io.tributary.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/tributary}: everyday work with a cluster (topics, groups, produce, consume) for users of the
 * distribution, who have a JDK but not Kafka's own tools. Talks to any Kafka-compatible broker through
 * kafka-clients, exactly like Kafka's tools.
 */
@Command(name = "tributary", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = TributaryCli.Version.class,
        description = "Work with a Tributary (or any Kafka) cluster. `tributary server CONFIG` starts a broker.",
        subcommands = {ClusterCommand.class, TopicsCommand.class, GroupsCommand.class, ProduceCommand.class,
                ConsumeCommand.class, CommandLine.HelpCommand.class})
public final class TributaryCli {

    @Option(names = {"-b", "--bootstrap-server"}, scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:TRIBUTARY_BOOTSTRAP_SERVER:-localhost:9092}",
            description = "host:port[,host:port...] (default: $TRIBUTARY_BOOTSTRAP_SERVER or ${DEFAULT-VALUE})")
    String bootstrapServer;

    @Option(names = "--command-config", scope = CommandLine.ScopeType.INHERIT,
            description = "client properties file (security settings, timeouts), as Kafka's tools take it")
    Path commandConfig;

    /** Client settings: the properties file first, then the bootstrap servers. */
    Properties clientProperties() {
        Properties props = new Properties();
        if (commandConfig != null) {
            try (InputStream in = Files.newInputStream(commandConfig)) {
                props.load(in);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "Cannot read --command-config " + commandConfig + ": " + e.getMessage());
            }
        }
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
        props.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "tributary-cli");
        return props;
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line; returns its exit code (0 success, 1 failure, 2 usage error). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new TributaryCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = Errors.rootCause(e);
            commandLine.getErr().println("Error: " + cause.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TributaryCli.class.getPackage().getImplementationVersion();
            return new String[] {"tributary " + (version == null ? "(development build)" : version)};
        }
    }
}
