package io.tributary.metadata;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.tributary.metadata.config.BrokerConfigDefinitions;

/**
 * What the controller needs to know about this node.
 *
 * @param nodeId              this node's id (broker and controller at once)
 * @param clusterId           the cluster id, e.g. from {@link io.tributary.metadata.log.MetaProperties}
 * @param staticBrokerConfig  the broker's static config (server.properties); supplies topic-config defaults,
 *                            {@code num.partitions}, {@code default.replication.factor}, ...
 * @param advertisedListeners endpoints registered for this broker
 * @param rack                this broker's rack, or null
 *
 * The controller also reads {@code broker.session.timeout.ms}, {@code auto.leader.rebalance.enable},
 * {@code leader.imbalance.check.interval.seconds} and (through the topic config defaults)
 * {@code unclean.leader.election.enable} from {@code staticBrokerConfig}.
 */
public record ControllerConfig(int nodeId, String clusterId, Map<String, String> staticBrokerConfig,
                               List<BrokerRegistration.Listener> advertisedListeners, String rack) {

    public ControllerConfig {
        Objects.requireNonNull(clusterId, "clusterId");
        staticBrokerConfig = Map.copyOf(staticBrokerConfig);
        advertisedListeners = List.copyOf(advertisedListeners);
        // Fail at startup, not at the first CreateTopics, if the static defaults are malformed.
        BrokerConfigDefinitions.DEFINITION.parse(staticBrokerConfig);
    }

    /** {@code broker.session.timeout.ms}: a broker silent for longer is fenced. */
    public long brokerSessionTimeoutMs() {
        return longValue("broker.session.timeout.ms", 9000L);
    }

    /** {@code auto.leader.rebalance.enable}. */
    public boolean autoLeaderRebalanceEnable() {
        return Boolean.parseBoolean(staticBrokerConfig.getOrDefault("auto.leader.rebalance.enable", "true").trim());
    }

    /** {@code leader.imbalance.check.interval.seconds}, in milliseconds. */
    public long leaderImbalanceCheckIntervalMs() {
        return longValue("leader.imbalance.check.interval.seconds", 300L) * 1000L;
    }

    private long longValue(String name, long defaultValue) {
        String value = staticBrokerConfig.get(name);
        return value == null ? defaultValue : Long.parseLong(value.trim());
    }

    /** This node's registration as it would be requested by its broker (endpoints, rack); unfenced. */
    public BrokerRegistration registration() {
        return new BrokerRegistration(nodeId, advertisedListeners, rack, false);
    }
}
