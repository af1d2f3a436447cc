package io.tributary.bench.tools;

/** Command-line options of {@link FanOutConsumers}: {@code --name value} pairs with defaults. */
record FanOutOptions(String bootstrapServers, String topic, int groups, long records, int timeoutSeconds,
                     String groupPrefix, int brokerPid, int clockTicks, String commandConfig, String output) {

    static final String USAGE = "FanOutConsumers --bootstrap-server HOST:PORT --topic TOPIC --groups N --records COUNT"
            + " [--timeout-seconds 1200] [--group-prefix fanout] [--broker-pid PID] [--clock-ticks 100]"
            + " [--command-config client.properties]"
            + " [--output figures.properties]";

    static FanOutOptions parse(String[] args) {
        NamedOptions values = new NamedOptions(args, USAGE);
        String bootstrap = values.string("bootstrap-server");
        String topic = values.string("topic");
        String groups = values.string("groups");
        String records = values.string("records");
        if (bootstrap == null || topic == null || groups == null || records == null)
            throw new IllegalArgumentException(USAGE);
        FanOutOptions options = new FanOutOptions(bootstrap, topic, Integer.parseInt(groups), Long.parseLong(records),
                values.integer("timeout-seconds", 1200), values.string("group-prefix", "fanout"),
                values.integer("broker-pid", 0), values.integer("clock-ticks", 100),
                values.string("command-config"), values.string("output"));
        values.finish();
        if (options.groups <= 0 || options.records <= 0 || options.timeoutSeconds <= 0 || options.clockTicks <= 0)
            throw new IllegalArgumentException(
                    "--groups, --records, --timeout-seconds and --clock-ticks must be positive");
        if (options.brokerPid < 0) throw new IllegalArgumentException("--broker-pid must not be negative");
        return options;
    }

    String groupId(int index) {
        return groupPrefix + "-" + index;
    }

    /** The group that joins first, before the measured read, so that the offsets topic exists. */
    String warmUpGroupId() {
        return groupPrefix + "-warm-up";
    }
}
