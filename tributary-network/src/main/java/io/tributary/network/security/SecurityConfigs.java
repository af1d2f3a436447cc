package io.tributary.network.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;

/**
 * Reads Kafka security settings out of a listener's parsed config map (values as {@code AbstractConfig} parsed them:
 * strings, {@link Password}s, lists, numbers) or out of plain string maps, alike.
 */
final class SecurityConfigs {

    private SecurityConfigs() {
    }

    /** A string or password value, null when unset or blank. */
    static String string(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            return null;
        }
        String text = value instanceof Password password ? password.value() : value.toString();
        return text.isBlank() ? null : text.trim();
    }

    static String string(Map<String, ?> configs, String key, String fallback) {
        String value = string(configs, key);
        return value == null ? fallback : value;
    }

    /** A list value (a parsed list or a comma-separated string); empty when unset. */
    static List<String> list(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(Object::toString).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        return List.of(value.toString().split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static long longValue(Map<String, ?> configs, String key, long fallback) {
        Object value = configs.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().trim());
    }

    /**
     * A SASL setting as Kafka looks it up for one listener and mechanism: {@code listener.name.<l>.<mech>.<key>}, the
     * same without the listener prefix ({@code <mech>.<key>}, as Kafka's channel configs hold it), then {@code <key>}.
     */
    static String mechanismScoped(Map<String, ?> configs, String listenerName, String mechanism, String key) {
        String value = string(configs, mechanismPrefix(listenerName, mechanism) + key);
        if (value == null) {
            value = string(configs, mechanism.toLowerCase(Locale.ROOT) + "." + key);
        }
        return value != null ? value : string(configs, key);
    }

    /** Kafka's prefix of a listener's overrides: {@code listener.name.<lower-case name>.}. */
    static String listenerPrefix(String listenerName) {
        return "listener.name." + listenerName.toLowerCase(Locale.ROOT) + ".";
    }

    /** Kafka's prefix of a listener's per-mechanism SASL overrides: {@code listener.name.<l>.<mechanism lower>.}. */
    static String mechanismPrefix(String listenerName, String mechanism) {
        return listenerPrefix(listenerName) + mechanism.toLowerCase(Locale.ROOT) + ".";
    }
}
