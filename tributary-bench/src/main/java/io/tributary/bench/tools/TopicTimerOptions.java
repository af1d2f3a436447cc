package io.tributary.bench.tools;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line options of {@link TopicTimer}: the action ({@code create} or {@code delete}) first, then
 * {@code --name value} pairs with defaults. {@code --partitions}, {@code --replication-factor} and
 * {@code --topic-configs} belong to {@code create} only.
 */
record TopicTimerOptions(Action action, String bootstrapServers, String topic, int partitions,
                         short replicationFactor, Map<String, String> topicConfigs, String commandConfig,
                         String logDir, int timeoutMs, int pollMs) {

    enum Action { CREATE, DELETE }

    static final String USAGE = "TopicTimer create --bootstrap-server HOST:PORT --topic TOPIC --partitions N"
            + " [--replication-factor 1] [--topic-configs name=value,...] [--log-dir DIR]"
            + " [--command-config client.properties] [--timeout-ms 900000] [--poll-ms 10]\n"
            + "TopicTimer delete --bootstrap-server HOST:PORT --topic TOPIC [--log-dir DIR]"
            + " [--command-config client.properties] [--timeout-ms 900000] [--poll-ms 10]";

    static TopicTimerOptions parse(String[] args) {
        if (args.length == 0) throw new IllegalArgumentException(USAGE);
        Action action = switch (args[0]) {
            case "create" -> Action.CREATE;
            case "delete" -> Action.DELETE;
            default -> throw new IllegalArgumentException("The action is create or delete, not '" + args[0] + "'\n"
                    + USAGE);
        };
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        NamedOptions values = new NamedOptions(rest, USAGE);
        String bootstrap = values.string("bootstrap-server");
        String topic = values.string("topic");
        if (bootstrap == null || topic == null) throw new IllegalArgumentException(USAGE);
        int partitions = 0;
        short replicationFactor = 0;
        Map<String, String> topicConfigs = Map.of();
        if (action == Action.CREATE) {
            partitions = values.integer("partitions", 0);
            replicationFactor = (short) values.integer("replication-factor", 1);
            topicConfigs = parseConfigs(values.string("topic-configs", ""));
            if (partitions <= 0) throw new IllegalArgumentException("create needs --partitions N (N > 0)\n" + USAGE);
            if (replicationFactor <= 0) throw new IllegalArgumentException("--replication-factor must be positive");
        }
        TopicTimerOptions options = new TopicTimerOptions(action, bootstrap, topic, partitions, replicationFactor,
                topicConfigs, values.string("command-config"), values.string("log-dir"),
                values.integer("timeout-ms", 900_000), values.integer("poll-ms", 10));
        values.finish();
        if (options.timeoutMs <= 0 || options.pollMs <= 0)
            throw new IllegalArgumentException("--timeout-ms and --poll-ms must be positive");
        return options;
    }

    /** {@code name=value,name=value} (empty: none), in the order given. */
    static Map<String, String> parseConfigs(String text) {
        Map<String, String> configs = new LinkedHashMap<>();
        if (text.isBlank()) return configs;
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1)
                throw new IllegalArgumentException("--topic-configs takes name=value pairs, not '" + pair + "'");
            configs.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return configs;
    }
}
