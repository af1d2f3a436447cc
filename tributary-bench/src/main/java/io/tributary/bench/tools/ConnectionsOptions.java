package io.tributary.bench.tools;

/**
 * Command-line options of {@link ConnectionsLoad}: {@code --name value} pairs with defaults. Of the
 * {@code --connections} clients, {@code --active} (at most all of them) produce; the rest are idle.
 */
record ConnectionsOptions(String bootstrapServers, String topic, int connections, int active, int ratePerSecond,
                          int recordSize, int warmupSeconds, int seconds, int connectConcurrency,
                          int connectTimeoutSeconds, int brokerPid, int clockTicks, String commandConfig,
                          String output, String series) {

    static final String USAGE = "ConnectionsLoad --bootstrap-server HOST:PORT --topic TOPIC --connections N"
            + " [--active 10] [--rate 2000] [--record-size 1024] [--warmup-seconds 10] [--seconds 60]"
            + " [--connect-concurrency 100] [--connect-timeout-seconds 300] [--broker-pid PID] [--clock-ticks 100]"
            + " [--command-config client.properties] [--output figures.properties] [--series latency.csv]";

    static ConnectionsOptions parse(String[] args) {
        NamedOptions values = new NamedOptions(args, USAGE);
        String bootstrap = values.string("bootstrap-server");
        String topic = values.string("topic");
        String connections = values.string("connections");
        if (bootstrap == null || topic == null || connections == null) throw new IllegalArgumentException(USAGE);
        ConnectionsOptions options = new ConnectionsOptions(bootstrap, topic, Integer.parseInt(connections),
                values.integer("active", 10), values.integer("rate", 2_000), values.integer("record-size", 1024),
                values.integer("warmup-seconds", 10), values.integer("seconds", 60),
                values.integer("connect-concurrency", 100), values.integer("connect-timeout-seconds", 300),
                values.integer("broker-pid", 0), values.integer("clock-ticks", 100),
                values.string("command-config"), values.string("output"), values.string("series"));
        values.finish();
        if (options.connections <= 0 || options.active <= 0)
            throw new IllegalArgumentException("--connections and --active must be positive");
        if (options.ratePerSecond <= 0 || options.seconds <= 0 || options.warmupSeconds < 0)
            throw new IllegalArgumentException("--rate and --seconds must be positive, --warmup-seconds not negative");
        if (options.recordSize <= 0 || options.connectConcurrency <= 0 || options.connectTimeoutSeconds <= 0
                || options.clockTicks <= 0 || options.brokerPid < 0)
            throw new IllegalArgumentException("--record-size, --connect-concurrency, --connect-timeout-seconds and"
                    + " --clock-ticks must be positive");
        return options;
    }

    /** The producing clients: {@code --active}, or every client when there are fewer. */
    int activeClients() {
        return Math.min(active, connections);
    }

    /** The clients that connect, ask ApiVersions and Metadata, then send nothing. */
    int idleClients() {
        return connections - activeClients();
    }
}
