package io.tributary.bench.tools;

/** Command-line options of {@link ReadableProbe}: {@code --name value} pairs with defaults. */
record ReadableOptions(String bootstrapServers, String topic, int partitions, long expectedRecords, int timeoutMs,
                       int graceMs, String startFile, String commandConfig) {

    static final String USAGE = "ReadableProbe --bootstrap-server HOST:PORT --topic TOPIC --partitions N"
            + " [--expected-records N] [--timeout-ms 900000] [--grace-ms 15000] [--start-file FILE]"
            + " [--command-config client.properties]";

    static ReadableOptions parse(String[] args) {
        NamedOptions values = new NamedOptions(args, USAGE);
        String bootstrap = values.string("bootstrap-server");
        String topic = values.string("topic");
        String partitions = values.string("partitions");
        if (bootstrap == null || topic == null || partitions == null) throw new IllegalArgumentException(USAGE);
        String expected = values.string("expected-records");
        ReadableOptions options = new ReadableOptions(bootstrap, topic, Integer.parseInt(partitions),
                expected == null ? -1L : Long.parseLong(expected), values.integer("timeout-ms", 900_000),
                values.integer("grace-ms", 15_000), values.string("start-file"), values.string("command-config"));
        values.finish();
        if (options.partitions <= 0 || options.timeoutMs <= 0 || options.graceMs < 0)
            throw new IllegalArgumentException("--partitions and --timeout-ms must be positive, --grace-ms not negative");
        if (expected != null && options.expectedRecords < 0)
            throw new IllegalArgumentException("--expected-records must not be negative");
        return options;
    }
}
