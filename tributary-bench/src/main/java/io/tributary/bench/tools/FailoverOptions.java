package io.tributary.bench.tools;

import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line options of {@link FailoverTime}: {@code --name value} pairs with defaults. */
record FailoverOptions(String bootstrapServers, String topic, Map<Integer, Long> pids, int intervalMs,
                       int warmupMs, int timeoutMs, int recordSize) {

    static final String USAGE = "FailoverTime --bootstrap-server HOST:PORT --topic TOPIC --pids NODE=PID,NODE=PID,..."
            + " [--interval-ms 5] [--warmup-ms 3000] [--timeout-ms 60000] [--record-size 100]";

    static FailoverOptions parse(String[] args) {
        NamedOptions values = new NamedOptions(args, USAGE);
        String bootstrap = values.string("bootstrap-server");
        String topic = values.string("topic");
        String pids = values.string("pids");
        if (bootstrap == null || topic == null || pids == null) throw new IllegalArgumentException(USAGE);
        FailoverOptions options = new FailoverOptions(bootstrap, topic, parsePids(pids),
                values.integer("interval-ms", 5), values.integer("warmup-ms", 3_000),
                values.integer("timeout-ms", 60_000), values.integer("record-size", 100));
        values.finish();
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
}
