package io.tributary.metadata.quota;

import java.util.Map;

/**
 * The client quota keys Kafka knows, with the type their values must fit: user and client-id entities take byte
 * rates, a request percentage and a controller mutation rate; ip entities take a connection creation rate.
 */
public final class QuotaKeys {

    public static final String PRODUCER_BYTE_RATE = "producer_byte_rate";
    public static final String CONSUMER_BYTE_RATE = "consumer_byte_rate";
    public static final String REQUEST_PERCENTAGE = "request_percentage";
    public static final String CONTROLLER_MUTATION_RATE = "controller_mutation_rate";
    public static final String CONNECTION_CREATION_RATE = "connection_creation_rate";

    private enum ValueType { LONG, INT, DOUBLE }

    private static final Map<String, ValueType> CLIENT_KEYS = Map.of(
        PRODUCER_BYTE_RATE, ValueType.LONG,
        CONSUMER_BYTE_RATE, ValueType.LONG,
        REQUEST_PERCENTAGE, ValueType.DOUBLE,
        CONTROLLER_MUTATION_RATE, ValueType.DOUBLE);

    private static final Map<String, ValueType> IP_KEYS = Map.of(CONNECTION_CREATION_RATE, ValueType.INT);

    private QuotaKeys() {
    }

    /** Kafka's message for a value the key does not take, or null when it is valid. */
    public static String validate(boolean ipEntity, String key, double value) {
        ValueType type = (ipEntity ? IP_KEYS : CLIENT_KEYS).get(key);
        if (type == null) {
            return "Invalid configuration key " + key;
        }
        if (value <= 0.0) {
            return "Quota " + key + " must be greater than 0";
        }
        switch (type) {
            case INT:
                if (value > Integer.MAX_VALUE) {
                    return "Proposed value for " + key + " is too large for an INT.";
                }
                return integral(key, value);
            case LONG:
                if (value > Long.MAX_VALUE) {
                    return "Proposed value for " + key + " is too large for a LONG.";
                }
                return integral(key, value);
            default:
                return null;
        }
    }

    private static String integral(String key, double value) {
        return Math.abs(value % 1.0) > 1e-6 ? key + " cannot be a fractional value." : null;
    }
}
