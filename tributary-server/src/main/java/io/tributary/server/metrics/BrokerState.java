package io.tributary.server.metrics;

/**
 * Kafka's broker states with Kafka's numbers ({@code kafka.server:type=KafkaServer,name=BrokerState}): what the
 * gauge reports and what the readiness probe answers from.
 */
public enum BrokerState {
    NOT_RUNNING(0),
    STARTING(1),
    RECOVERY(2),
    RUNNING(3),
    PENDING_CONTROLLED_SHUTDOWN(6),
    SHUTTING_DOWN(7),
    UNKNOWN(127);

    private final int value;

    BrokerState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
