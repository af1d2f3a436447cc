package io.tributary.metadata;

import static io.tributary.metadata.config.ReplicationConfigDefinitions.AUTO_LEADER_REBALANCE_ENABLE;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.BROKER_SESSION_TIMEOUT_MS;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.LEADER_IMBALANCE_PER_BROKER_PERCENTAGE;

import io.tributary.metadata.image.BrokerRegistration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.tributary.metadata.config.BrokerConfig;
import io.tributary.metadata.config.ServerConfigDefinitions;

/**
 * What the controller needs to know about this node.
 *
 * @param nodeId              this node's id (broker and controller at once)
 * @param clusterId           the cluster id, e.g. from {@link io.tributary.metadata.log.MetaProperties}
 * @param brokerConfig        the broker's static config (server.properties); supplies topic-config defaults,
 *                            {@code num.partitions}, {@code default.replication.factor}, the controller's timers
 * @param advertisedListeners endpoints registered for this broker
 * @param rack                this broker's rack, or null
 */
public record ControllerConfig(int nodeId, String clusterId, BrokerConfig brokerConfig,
                               List<BrokerRegistration.Listener> advertisedListeners, String rack) {

    public ControllerConfig {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(brokerConfig, "brokerConfig");
        advertisedListeners = List.copyOf(advertisedListeners);
    }

    /** From static settings as strings, read (and validated) through the broker config definitions. */
    public ControllerConfig(int nodeId, String clusterId, Map<String, String> staticBrokerConfig,
                            List<BrokerRegistration.Listener> advertisedListeners, String rack) {
        this(nodeId, clusterId, new BrokerConfig(staticBrokerConfig), advertisedListeners, rack);
    }

    /** The static settings as given: STATIC_BROKER_CONFIG in DescribeConfigs. */
    public Map<String, String> staticBrokerConfig() {
        return brokerConfig.staticConfig();
    }

    /** {@code tributary.bootstrap.scram.credentials}, or null. */
    public String bootstrapScramCredentials() {
        var value = brokerConfig.getPassword(ServerConfigDefinitions.BOOTSTRAP_SCRAM_CREDENTIALS);
        return value == null ? null : value.value();
    }

    /** {@code broker.session.timeout.ms}: a broker silent for longer is fenced. */
    public long brokerSessionTimeoutMs() {
        return brokerConfig.getInt(BROKER_SESSION_TIMEOUT_MS);
    }

    /** {@code auto.leader.rebalance.enable}. */
    public boolean autoLeaderRebalanceEnable() {
        return brokerConfig.getBoolean(AUTO_LEADER_REBALANCE_ENABLE);
    }

    /** {@code leader.imbalance.check.interval.seconds}, in milliseconds. */
    public long leaderImbalanceCheckIntervalMs() {
        return brokerConfig.getLong(LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS) * 1000L;
    }

    /** {@code leader.imbalance.per.broker.percentage}. */
    public int leaderImbalancePerBrokerPercentage() {
        return brokerConfig.getInt(LEADER_IMBALANCE_PER_BROKER_PERCENTAGE);
    }

    /** This node's registration as it would be requested by its broker (endpoints, rack); unfenced. */
    public BrokerRegistration registration() {
        return new BrokerRegistration(nodeId, advertisedListeners, rack, false);
    }
}
