package io.tributary.metadata.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Kafka 4.x group configs ({@code kafka-configs --entity-type groups}): a group's own values of settings the
 * broker has defaults for. Their defaults are the broker's (group.consumer.session.timeout.ms and so on); the
 * ConfigDef defaults below are Kafka's, used when no broker value is at hand (the generated docs).
 */
public final class GroupConfigDefinitions {

    public static final String CONSUMER_SESSION_TIMEOUT_MS = "consumer.session.timeout.ms";
    public static final String CONSUMER_HEARTBEAT_INTERVAL_MS = "consumer.heartbeat.interval.ms";
    public static final String SHARE_SESSION_TIMEOUT_MS = "share.session.timeout.ms";
    public static final String SHARE_HEARTBEAT_INTERVAL_MS = "share.heartbeat.interval.ms";
    public static final String SHARE_RECORD_LOCK_DURATION_MS = "share.record.lock.duration.ms";
    public static final String SHARE_AUTO_OFFSET_RESET = "share.auto.offset.reset";
    public static final String SHARE_ISOLATION_LEVEL = "share.isolation.level";

    public static final ConfigDef DEFINITION = new ConfigDef()
        .define(CONSUMER_SESSION_TIMEOUT_MS, INT, 45_000, atLeast(1), MEDIUM,
            "Session timeout of the group's consumer-protocol members, within the broker's "
                + "group.consumer.min/max.session.timeout.ms.")
        .define(CONSUMER_HEARTBEAT_INTERVAL_MS, INT, 5000, atLeast(1), MEDIUM,
            "Heartbeat interval of the group's consumer-protocol members, within the broker's "
                + "group.consumer.min/max.heartbeat.interval.ms.")
        .define(SHARE_SESSION_TIMEOUT_MS, INT, 45_000, atLeast(1), MEDIUM,
            "Session timeout of the share group's members.")
        .define(SHARE_HEARTBEAT_INTERVAL_MS, INT, 5000, atLeast(1), MEDIUM,
            "Heartbeat interval of the share group's members.")
        .define(SHARE_RECORD_LOCK_DURATION_MS, INT, 30_000, atLeast(1000), MEDIUM,
            "How long a share group member holds the records it was given.")
        .define(SHARE_AUTO_OFFSET_RESET, STRING, "latest", new ShareAutoOffsetReset(), MEDIUM,
            "Where a share group starts reading a partition it has no offset for: latest, earliest or "
                + "by_duration:<ISO-8601 duration>.")
        .define(SHARE_ISOLATION_LEVEL, STRING, "read_uncommitted",
            ConfigDef.ValidString.in("read_committed", "read_uncommitted"), MEDIUM,
            "Whether a share group reads records of open or aborted transactions.");

    /** Each group config and the broker config whose value is its default. */
    private static final Map<String, String> BROKER_DEFAULTS = Map.of(
        CONSUMER_SESSION_TIMEOUT_MS, CoordinatorConfigDefinitions.CONSUMER_SESSION_TIMEOUT_MS,
        CONSUMER_HEARTBEAT_INTERVAL_MS, CoordinatorConfigDefinitions.CONSUMER_HEARTBEAT_INTERVAL_MS,
        SHARE_SESSION_TIMEOUT_MS, CoordinatorConfigDefinitions.SHARE_SESSION_TIMEOUT_MS,
        SHARE_HEARTBEAT_INTERVAL_MS, CoordinatorConfigDefinitions.SHARE_HEARTBEAT_INTERVAL_MS,
        SHARE_RECORD_LOCK_DURATION_MS, CoordinatorConfigDefinitions.SHARE_RECORD_LOCK_DURATION_MS);

    private GroupConfigDefinitions() {
    }

    public static Optional<ConfigDef.ConfigKey> key(String name) {
        return Optional.ofNullable(DEFINITION.configKeys().get(name));
    }

    /** The broker config supplying a group config's default, if the broker has one. */
    static Optional<String> brokerDefault(String name) {
        return Optional.ofNullable(BROKER_DEFAULTS.get(name));
    }

    /** Every group config's typed value: the group's own, else the broker's default, else Kafka's. */
    static Map<String, Object> resolve(Map<String, String> groupConfigs, java.util.function.Function<String, Object> broker) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
            String own = groupConfigs.get(key.name);
            Object value = own != null ? ConfigDef.parseType(key.name, own, key.type)
                : brokerDefault(key.name).map(broker).orElse(key.defaultValue);
            values.put(key.name, value);
        }
        return values;
    }

    /** Kafka's share.auto.offset.reset values: latest, earliest, or by_duration: and an ISO-8601 duration. */
    private static final class ShareAutoOffsetReset implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = String.valueOf(value);
            if (text.equals("latest") || text.equals("earliest")) {
                return;
            }
            if (text.startsWith("by_duration:")) {
                try {
                    if (!java.time.Duration.parse(text.substring("by_duration:".length())).isNegative()) {
                        return;
                    }
                } catch (java.time.format.DateTimeParseException e) {
                    // refused below
                }
            }
            throw new ConfigException(name, value, "Invalid value for " + name + ". It should be one of "
                + "latest, earliest or by_duration:<PnDTnHnMn.nS.> with a non-negative duration.");
        }

        @Override
        public String toString() {
            return "[latest, earliest, by_duration:PnDTnHnMn.nS]";
        }
    }
}
