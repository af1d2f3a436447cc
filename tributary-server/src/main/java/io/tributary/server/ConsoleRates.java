package io.tributary.server;

import io.tributary.console.broker.NodeRates;
import io.tributary.metrics.BrokerTopicStats;

/** The console's view of this node's traffic: the all-topics BrokerTopicMetrics counts. */
final class ConsoleRates implements NodeRates {

    private final BrokerTopicStats stats;

    private ConsoleRates(BrokerTopicStats stats) {
        this.stats = stats;
    }

    static NodeRates of(BrokerTopicStats stats) {
        return new ConsoleRates(stats);
    }

    @Override
    public long bytesIn() {
        return stats.totalBytesIn();
    }

    @Override
    public long bytesOut() {
        return stats.totalBytesOut();
    }

    @Override
    public long messagesIn() {
        return stats.totalMessagesIn();
    }
}
