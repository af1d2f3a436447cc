package io.tributary.bench.tools;

/** Command-line options of {@link LongRun}: {@code --name value} pairs with defaults. */
record LongRunOptions(String bootstrapServers, String topic, int durationS, int ratePerSecond, int recordSize,
                      long brokerPid, String gcLog, String logDir, String series, int intervalS, int rssWindowS,
                      int clockTicksPerSecond, int lingerMs, int drainS, String commandConfig) {

    static final String USAGE = "LongRun --bootstrap-server HOST:PORT --topic TOPIC --duration-s SECONDS"
            + " [--rate 20000] [--record-size 1024] [--broker-pid PID] [--gc-log FILE] [--log-dir DIR]"
            + " [--series OUT.csv] [--interval-s 10] [--rss-window-s 300] [--clk-tck 100] [--linger-ms 5]"
            + " [--drain-s 60] [--command-config client.properties]";

    static LongRunOptions parse(String[] args) {
        NamedOptions values = new NamedOptions(args, USAGE);
        String bootstrap = values.string("bootstrap-server");
        String topic = values.string("topic");
        String duration = values.string("duration-s");
        if (bootstrap == null || topic == null || duration == null) throw new IllegalArgumentException(USAGE);
        String pid = values.string("broker-pid");
        LongRunOptions options = new LongRunOptions(bootstrap, topic, Integer.parseInt(duration),
                values.integer("rate", 20_000), values.integer("record-size", 1024),
                pid == null ? -1L : Long.parseLong(pid), values.string("gc-log"), values.string("log-dir"),
                values.string("series"), values.integer("interval-s", 10), values.integer("rss-window-s", 300),
                values.integer("clk-tck", 100), values.integer("linger-ms", 5), values.integer("drain-s", 60),
                values.string("command-config"));
        values.finish();
        if (options.durationS <= 0 || options.ratePerSecond <= 0 || options.intervalS <= 0
                || options.rssWindowS <= 0 || options.clockTicksPerSecond <= 0 || options.drainS <= 0)
            throw new IllegalArgumentException("--duration-s, --rate, --interval-s, --rss-window-s, --clk-tck and"
                    + " --drain-s must be positive");
        if (options.lingerMs < 0) throw new IllegalArgumentException("--linger-ms must not be negative");
        if (options.recordSize < Long.BYTES * 2)
            throw new IllegalArgumentException("--record-size must be at least 16 (it carries a sequence and a time)");
        return options;
    }

    /** How many records the run sends at most: sequence numbers are below this. */
    long maxRecords() {
        return (long) durationS * ratePerSecond;
    }
}
