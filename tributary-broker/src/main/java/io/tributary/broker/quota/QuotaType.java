package io.tributary.broker.quota;

import io.tributary.metadata.quota.QuotaKeys;

/** The kinds of client quota, with Kafka's metric group and name and the quota key that sets each. */
enum QuotaType {
    PRODUCE("Produce", "byte-rate", QuotaKeys.PRODUCER_BYTE_RATE),
    FETCH("Fetch", "byte-rate", QuotaKeys.CONSUMER_BYTE_RATE),
    REQUEST("Request", "request-time", QuotaKeys.REQUEST_PERCENTAGE),
    CONTROLLER_MUTATION("ControllerMutation", "tokens", QuotaKeys.CONTROLLER_MUTATION_RATE);

    static final QuotaType[] ALL = values();

    final String group;
    final String metric;
    final String key;

    QuotaType(String group, String metric, String key) {
        this.group = group;
        this.metric = metric;
        this.key = key;
    }
}
