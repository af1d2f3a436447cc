package io.tributary.metadata.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import org.apache.kafka.common.config.ConfigDef;

/**
 * How client quotas are measured and the socket server's connection limits, with Kafka's names and defaults.
 * The quotas themselves are set per user / client-id / ip with AlterClientQuotas (kafka-configs).
 */
public final class QuotaConfigDefinitions {

    public static final String QUOTA_WINDOW_NUM = "quota.window.num";
    public static final String QUOTA_WINDOW_SIZE_SECONDS = "quota.window.size.seconds";
    public static final String CONTROLLER_QUOTA_WINDOW_NUM = "controller.quota.window.num";
    public static final String CONTROLLER_QUOTA_WINDOW_SIZE_SECONDS = "controller.quota.window.size.seconds";
    public static final String MAX_CONNECTIONS = "max.connections";
    public static final String MAX_CONNECTIONS_PER_IP = "max.connections.per.ip";
    public static final String MAX_CONNECTIONS_PER_IP_OVERRIDES = "max.connections.per.ip.overrides";
    public static final String MAX_CONNECTION_CREATION_RATE = "max.connection.creation.rate";

    private QuotaConfigDefinitions() {
    }

    static void define(ConfigDef def) {
        def.define(QUOTA_WINDOW_NUM, INT, 11, atLeast(1), LOW,
                "Number of samples kept for client quotas (produce, fetch, request time).")
            .define(QUOTA_WINDOW_SIZE_SECONDS, INT, 1, atLeast(1), LOW,
                "Time span of each sample of client quotas, in seconds.")
            .define(CONTROLLER_QUOTA_WINDOW_NUM, INT, 11, atLeast(1), LOW,
                "Number of samples kept for controller mutation quotas.")
            .define(CONTROLLER_QUOTA_WINDOW_SIZE_SECONDS, INT, 1, atLeast(1), LOW,
                "Time span of each sample of controller mutation quotas, in seconds.")
            .define(MAX_CONNECTIONS, INT, Integer.MAX_VALUE, atLeast(0), MEDIUM,
                "Most connections the broker serves at once, on top of the per-address limits; new connections "
                    + "wait unread while the limit is reached. listener.name.NAME.max.connections "
                    + "limits one listener. Connections on the inter-broker listener are not held by the broker-wide "
                    + "limit.")
            .define(MAX_CONNECTIONS_PER_IP, INT, Integer.MAX_VALUE, atLeast(0), MEDIUM,
                "Most connections from one client address; further ones are closed as soon as accepted. May be 0 "
                    + "when max.connections.per.ip.overrides allows the addresses that may connect.")
            .define(MAX_CONNECTIONS_PER_IP_OVERRIDES, STRING, "", MEDIUM,
                "Per-address or per-host exceptions to max.connections.per.ip, host:count,... e.g. "
                    + "127.0.0.1:200,broker2.example.com:1000.")
            .define(MAX_CONNECTION_CREATION_RATE, INT, Integer.MAX_VALUE, atLeast(0), MEDIUM,
                "Most new connections per second on the broker's listeners (the inter-broker listener excepted); "
                    + "listener.name.NAME.max.connection.creation.rate limits one listener. A listener over it stops "
                    + "accepting for the throttle time: connections are delayed, not refused.");
    }
}
