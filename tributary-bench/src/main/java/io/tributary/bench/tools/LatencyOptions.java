package io.tributary.bench.tools;

import java.util.HashMap;
import java.util.Map;

/** Command-line options of {@link EndToEndLatency}: {@code --name value} pairs with defaults. */
record LatencyOptions(String bootstrapServers, String topic, int records, int warmupRecords, int ratePerSecond,
                      int recordSize, String acks, int fetchMaxWaitMs, String output, String compressionType,
                      String commandConfig) {

    static final String USAGE = "EndToEndLatency --bootstrap-server HOST:PORT --topic TOPIC [--records 50000]"
            + " [--warmup-records 5000] [--rate 5000] [--record-size 1024] [--acks all] [--fetch-max-wait-ms 500]"
            + " [--output results.json] [--compression-type none] [--command-config client.properties]";

    static LatencyOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length)
                throw new IllegalArgumentException("Expected --name value pairs, got '" + args[i] + "'\n" + USAGE);
            values.put(args[i].substring(2), args[++i]);
        }
        String bootstrap = values.remove("bootstrap-server");
        String topic = values.remove("topic");
        if (bootstrap == null || topic == null) throw new IllegalArgumentException(USAGE);
        LatencyOptions options = new LatencyOptions(bootstrap, topic,
                intOption(values, "records", 50_000), intOption(values, "warmup-records", 5_000),
                intOption(values, "rate", 5_000), intOption(values, "record-size", 1024),
                values.getOrDefault("acks", "all"), intOption(values, "fetch-max-wait-ms", 500),
                values.get("output"), values.getOrDefault("compression-type", "none"), values.get("command-config"));
        values.remove("acks");
        values.remove("output");
        values.remove("compression-type");
        values.remove("command-config");
        if (!values.isEmpty()) throw new IllegalArgumentException("Unknown options " + values.keySet() + "\n" + USAGE);
        if (options.recordSize < Long.BYTES * 2)
            throw new IllegalArgumentException("--record-size must be at least 16 (it carries a timestamp)");
        if (options.ratePerSecond <= 0 || options.records <= 0)
            throw new IllegalArgumentException("--rate and --records must be positive");
        return options;
    }

    private static int intOption(Map<String, String> values, String name, int defaultValue) {
        String value = values.remove(name);
        return value == null ? defaultValue : Integer.parseInt(value);
    }

    int totalRecords() {
        return warmupRecords + records;
    }
}
