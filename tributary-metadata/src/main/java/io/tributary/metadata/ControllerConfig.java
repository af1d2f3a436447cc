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

    public BrokerRegistration registration() {
        return new BrokerRegistration(nodeId, advertisedListeners, rack, false);
    }
}
