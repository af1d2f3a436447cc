package io.tributary.bench.tools;

/** Command-line options of {@link EndToEndLatency}: {@code --name value} pairs with defaults. */
record LatencyOptions(String bootstrapServers, String topic, int records, int warmupRecords, int ratePerSecond,
                      int recordSize, String acks, int fetchMaxWaitMs, String output, String compressionType,
                      String commandConfig) {

    static final String USAGE = "EndToEndLatency --bootstrap-server HOST:PORT --topic TOPIC [--records 50000]"
            + " [--warmup-records 5000] [--rate 5000] [--record-size 1024] [--acks all] [--fetch-max-wait-ms 500]"
            + " [--output results.json] [--compression-type none] [--command-config client.properties]";

    static LatencyOptions parse(String[] args) {
        NamedOptions values = new NamedOptions(args, USAGE);
        String bootstrap = values.string("bootstrap-server");
        String topic = values.string("topic");
        if (bootstrap == null || topic == null) throw new IllegalArgumentException(USAGE);
        LatencyOptions options = new LatencyOptions(bootstrap, topic,
                values.integer("records", 50_000), values.integer("warmup-records", 5_000),
                values.integer("rate", 5_000), values.integer("record-size", 1024),
                values.string("acks", "all"), values.integer("fetch-max-wait-ms", 500),
                values.string("output"), values.string("compression-type", "none"), values.string("command-config"));
        values.finish();
        if (options.recordSize < Long.BYTES * 2)
            throw new IllegalArgumentException("--record-size must be at least 16 (it carries a timestamp)");
        if (options.ratePerSecond <= 0 || options.records <= 0)
            throw new IllegalArgumentException("--rate and --records must be positive");
        return options;
    }

    int totalRecords() {
        return warmupRecords + records;
    }
}
