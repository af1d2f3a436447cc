package io.tributary.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A metric's identity as Kafka names it: {@code group:type=T,name=N,tag1=v1,...}, e.g.
 * {@code kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=orders}. Tags keep their order (it is part of
 * the JMX name that exporters' patterns match) and, as in Kafka, tags with an empty value are left out.
 *
 * @param name null for a Kafka-client-style MBean whose metrics are attributes ({@code type=socket-server-metrics})
 */
public record MetricName(String group, String type, String name, Map<String, String> tags) {

    public MetricName {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(type, "type");
        Map<String, String> kept = new LinkedHashMap<>();
        tags.forEach((key, value) -> {
            if (value != null && !value.isEmpty()) {
                kept.put(key, value);
            }
        });
        tags = Collections.unmodifiableMap(kept);
    }

    public static MetricName of(String group, String type, String name) {
        return new MetricName(group, type, name, Map.of());
    }

    /** Tags given as alternating keys and values, kept in that order. */
    public static MetricName of(String group, String type, String name, String... tagKeysAndValues) {
        if (tagKeysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Tags come in key, value pairs");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < tagKeysAndValues.length; i += 2) {
            tags.put(tagKeysAndValues[i], tagKeysAndValues[i + 1]);
        }
        return new MetricName(group, type, name, tags);
    }

    /** The JMX ObjectName Kafka registers this metric under. */
    public String mbeanName() {
        StringBuilder builder = new StringBuilder(group).append(":type=").append(type);
        if (name != null) {
            builder.append(",name=").append(name);
        }
        tags.forEach((key, value) -> builder.append(',').append(key).append('=').append(quoteIfNeeded(value)));
        return builder.toString();
    }

    private static String quoteIfNeeded(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '=' || c == ':' || c == '"' || c == '*' || c == '?' || c == '\n') {
                return javax.management.ObjectName.quote(value);
            }
        }
        return value;
    }

    @Override
    public String toString() {
        return mbeanName();
    }
}
