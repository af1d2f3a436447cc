package io.tributary.console.broker;

/** This node's cumulative traffic counters (Kafka's BrokerTopicMetrics totals); the console samples them. */
public interface NodeRates {

    NodeRates NONE = new NodeRates() {
        @Override
        public long bytesIn() {
            return 0;
        }

        @Override
        public long bytesOut() {
            return 0;
        }

        @Override
        public long messagesIn() {
            return 0;
        }
    };

    long bytesIn();

    long bytesOut();

    long messagesIn();
}
