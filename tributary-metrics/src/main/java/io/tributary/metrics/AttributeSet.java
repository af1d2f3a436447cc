package io.tributary.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The attributes of a Kafka-client-style MBean ({@code org.apache.kafka.common.metrics}), e.g.
 * {@code kafka.server:type=socket-server-metrics,listener=PLAINTEXT,networkProcessor=0} with
 * {@code connection-count}, {@code connection-creation-rate}, {@code connection-creation-total}. Values are numbers,
 * except a few descriptive ones (raft-metrics {@code current-state}) that are strings.
 */
public final class AttributeSet {

    private final Map<String, Supplier<Object>> attributes = new LinkedHashMap<>();

    public AttributeSet add(String attribute, Supplier<Object> value) {
        attributes.put(attribute, value);
        return this;
    }

    public Map<String, Supplier<Object>> attributes() {
        return Collections.unmodifiableMap(attributes);
    }
}
