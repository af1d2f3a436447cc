package io.tributary.metadata.image;

import java.util.Map;

import org.apache.kafka.common.config.ConfigResource;

/**
 * Dynamic config overrides, per resource. Only what was explicitly set is here; static broker config and
 * defaults are resolved by {@link io.tributary.metadata.config.EffectiveConfigResolver}.
 */
public final class ConfigsImage {

    public static final ConfigsImage EMPTY = new ConfigsImage(Map.of());

    private final Map<ConfigResource, Map<String, String>> overrides;

    public ConfigsImage(Map<ConfigResource, Map<String, String>> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    /** Topic-level overrides of the named topic (empty if none). */
    public Map<String, String> topicConfigs(String topic) {
        return overrides.getOrDefault(new ConfigResource(ConfigResource.Type.TOPIC, topic), Map.of());
    }

    /** Dynamic broker configs for a node id, or the cluster-wide defaults for {@code ""}. */
    public Map<String, String> brokerConfigs(String brokerId) {
        return overrides.getOrDefault(new ConfigResource(ConfigResource.Type.BROKER, brokerId), Map.of());
    }

    public Map<String, String> configs(ConfigResource resource) {
        return overrides.getOrDefault(resource, Map.of());
    }

    public Map<ConfigResource, Map<String, String>> asMap() {
        return overrides;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigsImage other && overrides.equals(other.overrides);
    }

    @Override
    public int hashCode() {
        return overrides.hashCode();
    }

    @Override
    public String toString() {
        return "ConfigsImage" + overrides;
    }
}
