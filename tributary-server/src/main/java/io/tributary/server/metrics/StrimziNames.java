package io.tributary.server.metrics;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Prometheus names the JMX exporter gives Kafka's MBeans under Strimzi's rules ({@code kafka-metrics.yaml}):
 * {@code kafka_<domain>_<type>_<name>} lower-cased, {@code PerSec} meters as {@code ..._total} counters without the
 * {@code PerSec}, {@code ...Percent} as {@code ..._percent}, characters outside {@code [a-zA-Z0-9:_]} as one
 * underscore. Dashboards and alert rules written for Kafka then work unchanged.
 */
final class StrimziNames {

    private static final Pattern UNSAFE = Pattern.compile("[^a-zA-Z0-9:_]");
    private static final Pattern UNDERSCORES = Pattern.compile("__+");
    private static final String PER_SEC = "PerSec";
    private static final String PERCENT = "Percent";

    private StrimziNames() {
    }

    private static final Pattern EXPORTED_GROUP = Pattern.compile("kafka\\.\\w+");

    /**
     * Whether Strimzi's rules export this group's MBeans: they match {@code kafka.(\w+)}, so
     * {@code kafka.coordinator.group} and the like stay JMX-only.
     */
    static boolean exported(String group) {
        return EXPORTED_GROUP.matcher(group).matches();
    }

    /**
     * Whether Strimzi's rules export a Kafka-client-style MBean: the per-listener, per-processor socket server
     * metrics and the raft, raft-channel and broker-metadata metrics; others (group-coordinator-metrics) stay on JMX.
     */
    static boolean attributesExported(io.tributary.metrics.MetricName name) {
        if (!name.group().equals("kafka.server")) {
            return false;
        }
        return name.tags().keySet().equals(java.util.Set.of("listener", "networkProcessor"))
                || (name.tags().isEmpty() && (name.type().equals("raft-metrics")
                        || name.type().equals("raft-channel-metrics")
                        || name.type().equals("broker-metadata-metrics")));
    }

    /** {@code kafka.server} -> {@code server}. */
    static String domain(String group) {
        return group.startsWith("kafka.") ? group.substring("kafka.".length()) : group;
    }

    /** A meter's counter name (without {@code _total}), or null when its name does not end in PerSec. */
    static String meterCounter(String group, String type, String name) {
        int at = name.lastIndexOf(PER_SEC);
        if (at <= 0 || !name.substring(at + PER_SEC.length()).chars().allMatch(StrimziNames::isWordChar)) {
            return null;
        }
        return safe("kafka_" + domain(group) + "_" + type + "_" + name.substring(0, at));
    }

    /** A gauge's name: {@code ..._percent} for a name ending in Percent(...). */
    static String gauge(String group, String type, String name) {
        int at = name.lastIndexOf(PERCENT);
        if (at > 0 && name.substring(at + PERCENT.length()).chars().allMatch(StrimziNames::isWordChar)) {
            return safe("kafka_" + domain(group) + "_" + type + "_" + name.substring(0, at) + "_percent");
        }
        return safe("kafka_" + domain(group) + "_" + type + "_" + name);
    }

    /** A histogram's quantile gauges; its count is this name plus {@code _count}. */
    static String histogram(String group, String type, String name) {
        return safe("kafka_" + domain(group) + "_" + type + "_" + name);
    }

    /** An attribute of a Kafka-client-style MBean: {@code kafka_server_<type>_<attribute>}, type without dashes. */
    static String attribute(String group, String type, String attribute) {
        String typePart = type.equals("raft-metrics") || type.equals("raft-channel-metrics")
                || type.equals("broker-metadata-metrics") ? type.replace("-", "") : type;
        return safe("kafka_" + domain(group) + "_" + typePart + "_" + attribute);
    }

    static String safe(String name) {
        String replaced = UNSAFE.matcher(name).replaceAll("_");
        return UNDERSCORES.matcher(replaced).replaceAll("_").toLowerCase(Locale.ROOT);
    }

    /** Label names keep their case (Strimzi's rules use the tag names as they are). */
    static String label(String name) {
        return UNDERSCORES.matcher(UNSAFE.matcher(name).replaceAll("_")).replaceAll("_");
    }

    private static boolean isWordChar(int c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
