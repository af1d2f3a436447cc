package io.tributary.it.support;

import java.util.Map;

/** Broker settings for the transaction state topic on a single broker; tests may still override them. */
final class TransactionDefaults {

    private TransactionDefaults() {
    }

    static void putInto(Map<String, String> config) {
        // One broker: Kafka's defaults (three replicas, min ISR two) would leave the coordinator unavailable.
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        // Fewer coordinator partitions to create and load at start-up.
        config.put("transaction.state.log.num.partitions", "5");
    }
}
