package io.tributary.metadata.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * Validates a group's whole set of configs as Kafka does: known names, values of the right type, and timeouts
 * within the broker's group.consumer.min/max and group.share.min/max bounds, a session longer than a heartbeat.
 * Kafka answers INVALID_CONFIG.
 */
public final class GroupConfigValidator {

    private final Function<String, Object> broker;

    /** @param broker the broker's effective value of a broker config */
    public GroupConfigValidator(Function<String, Object> broker) {
        this.broker = broker;
    }

    /** @param groupConfigs the group's configs after the change (a null value is a removal Kafka refuses) */
    public Optional<ApiError> validate(Map<String, String> groupConfigs) {
        TreeSet<String> nulls = new TreeSet<>();
        groupConfigs.forEach((name, value) -> {
            if (value == null) {
                nulls.add(name);
            }
        });
        if (!nulls.isEmpty()) {
            return invalid("Null value not supported for group configs: " + String.join(",", nulls));
        }
        for (String name : new TreeSet<>(groupConfigs.keySet())) {
            if (GroupConfigDefinitions.key(name).isEmpty()) {
                return invalid("Unknown group config name: " + name);
            }
        }
        try {
            Map<String, Object> values = GroupConfigDefinitions.resolve(groupConfigs, broker);
            values.forEach((name, value) -> GroupConfigDefinitions.key(name)
                .filter(key -> key.validator != null).ifPresent(key -> key.validator.ensureValid(name, value)));
            return checkBounds(values);
        } catch (ConfigException e) {
            return invalid(e.getMessage());
        }
    }

    private Optional<ApiError> checkBounds(Map<String, Object> values) {
        return within(values, GroupConfigDefinitions.CONSUMER_HEARTBEAT_INTERVAL_MS, "group.consumer.min.heartbeat.interval.ms",
                "group.consumer.max.heartbeat.interval.ms")
            .or(() -> within(values, GroupConfigDefinitions.CONSUMER_SESSION_TIMEOUT_MS,
                "group.consumer.min.session.timeout.ms", "group.consumer.max.session.timeout.ms"))
            .or(() -> within(values, GroupConfigDefinitions.SHARE_HEARTBEAT_INTERVAL_MS,
                "group.share.min.heartbeat.interval.ms", "group.share.max.heartbeat.interval.ms"))
            .or(() -> within(values, GroupConfigDefinitions.SHARE_SESSION_TIMEOUT_MS,
                "group.share.min.session.timeout.ms", "group.share.max.session.timeout.ms"))
            .or(() -> within(values, GroupConfigDefinitions.SHARE_RECORD_LOCK_DURATION_MS,
                "group.share.min.record.lock.duration.ms", "group.share.max.record.lock.duration.ms"))
            .or(() -> longer(values, GroupConfigDefinitions.CONSUMER_SESSION_TIMEOUT_MS,
                GroupConfigDefinitions.CONSUMER_HEARTBEAT_INTERVAL_MS))
            .or(() -> longer(values, GroupConfigDefinitions.SHARE_SESSION_TIMEOUT_MS,
                GroupConfigDefinitions.SHARE_HEARTBEAT_INTERVAL_MS));
    }

    private Optional<ApiError> within(Map<String, Object> values, String name, String min, String max) {
        int value = (Integer) values.get(name);
        if (value < ((Number) broker.apply(min)).intValue()) {
            return invalid(name + " must be greater than or equal to " + min);
        }
        if (value > ((Number) broker.apply(max)).intValue()) {
            return invalid(name + " must be less than or equal to " + max);
        }
        return Optional.empty();
    }

    private static Optional<ApiError> longer(Map<String, Object> values, String session, String heartbeat) {
        if ((Integer) values.get(session) <= (Integer) values.get(heartbeat)) {
            return invalid(session + " must be greater than " + heartbeat);
        }
        return Optional.empty();
    }

    private static Optional<ApiError> invalid(String message) {
        return Optional.of(new ApiError(Errors.INVALID_CONFIG, message));
    }
}
