package io.tributary.it.support;

import java.util.Map;

/** Broker settings that keep consumer-group tests fast on a single broker; tests may still override them. */
final class GroupDefaults {

    private GroupDefaults() {
    }

    static void putInto(Map<String, String> config) {
        // One broker: the offsets topic cannot have Kafka's default three replicas.
        config.put("offsets.topic.replication.factor", "1");
        // Fewer coordinator partitions to create and load at start-up.
        config.put("offsets.topic.num.partitions", "5");
        // Kafka waits 3 s for more members before the first rebalance of a new group; tests cannot afford that.
        config.put("group.initial.rebalance.delay.ms", "0");
    }
}
