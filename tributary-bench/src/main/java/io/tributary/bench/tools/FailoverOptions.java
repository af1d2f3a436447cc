package io.tributary.bench.tools;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line options of {@link FailoverTime}: {@code --name value} pairs with defaults. */
record FailoverOptions(String bootstrapServers, String topic, Map<Integer, Long> pids, int intervalMs,
                       int warmupMs, int timeoutMs, int recordSize) {

    static final String USAGE = "FailoverTime --bootstrap-server HOST:PORT --topic TOPIC --pids NODE=PID,NODE=PID,..."
            + " [--interval-ms 5] [--warmup-ms 3000] [--timeout-ms 60000] [--record-size 100]";

    static FailoverOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length)
                throw new IllegalArgumentException("Expected --name value pairs, got '" + args[i] + "'\n" + USAGE);
            values.put(args[i].substring(2), args[++i]);
        }
        String bootstrap = values.remove("bootstrap-server");
        String topic = values.remove("topic");
        String pids = values.remove("pids");
        if (bootstrap == null || topic == null || pids == null) throw new IllegalArgumentException(USAGE);
        FailoverOptions options = new FailoverOptions(bootstrap, topic, parsePids(pids),
                intOption(values, "interval-ms", 5), intOption(values, "warmup-ms", 3_000),
                intOption(values, "timeout-ms", 60_000), intOption(values, "record-size", 100));
        if (!values.isEmpty()) throw new IllegalArgumentException("Unknown options " + values.keySet() + "\n" + USAGE);
        if (options.intervalMs <= 0 || options.timeoutMs <= 0 || options.warmupMs < 0 || options.recordSize <= 0)
            throw new IllegalArgumentException("--interval-ms, --timeout-ms and --record-size must be positive");
        return options;
    }

    /** NODE=PID pairs: the node ids of the brokers that may be killed, and their processes. */
    static Map<Integer, Long> parsePids(String text) {
        Map<Integer, Long> pids = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] parts = pair.trim().split("=");
            if (parts.length != 2) throw new IllegalArgumentException("--pids takes NODE=PID pairs, not '" + pair + "'");
            pids.put(Integer.parseInt(parts[0].trim()), Long.parseLong(parts[1].trim()));
        }
        return pids;
    }

    private static int intOption(Map<String, String> values, String name, int defaultValue) {
        String value = values.remove(name);
        return value == null ? defaultValue : Integer.parseInt(value);
    }
}
