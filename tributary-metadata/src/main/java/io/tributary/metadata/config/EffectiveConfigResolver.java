package io.tributary.metadata.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;

import io.tributary.metadata.image.MetadataImage;

/**
 * Computes effective config values the way a Kafka broker does: topic override, else the broker synonyms
 * (dynamic per-broker, then dynamic cluster default, then static), else the built-in default.
 */
public final class EffectiveConfigResolver {

    private final int nodeId;
    private final Map<String, String> staticConfig;

    public EffectiveConfigResolver(int nodeId, Map<String, String> staticConfig) {
        this.nodeId = nodeId;
        this.staticConfig = Map.copyOf(staticConfig);
    }

    public int nodeId() {
        return nodeId;
    }

    public Map<String, String> staticConfig() {
        return staticConfig;
    }

    public Map<String, String> dynamicNodeConfig(MetadataImage image) {
        return image.configs().brokerConfigs(Integer.toString(nodeId));
    }

    public Map<String, String> dynamicDefaultConfig(MetadataImage image) {
        return image.configs().brokerConfigs("");
    }

    /** Typed value of every topic config for {@code topic}; keys are always all present. */
    public Map<String, Object> effectiveTopicConfig(MetadataImage image, String topic) {
        return effectiveTopicConfig(image, image.configs().topicConfigs(topic));
    }

    /** Typed value of every topic config, given explicit (already validated) topic overrides. */
    public Map<String, Object> effectiveTopicConfig(MetadataImage image, Map<String, String> overrides) {
        Map<String, Object> values = new HashMap<>();
        for (String name : TopicConfigDefinitions.DEFINITION.names()) {
            values.put(name, resolveTopicConfig(image, overrides, name).value());
        }
        return values;
    }

    public ResolvedConfig resolveTopicConfig(MetadataImage image, Map<String, String> overrides, String name) {
        ConfigDef.ConfigKey key = TopicConfigDefinitions.DEFINITION.configKeys().get(name);
        String override = overrides.get(name);
        if (override != null) {
            return new ResolvedConfig(name, ConfigDef.parseType(name, override, key.type), ConfigSource.TOPIC_CONFIG);
        }
        List<ConfigSynonym> synonyms = TopicConfigDefinitions.SYNONYMS.getOrDefault(name, List.of());
        for (ConfigSynonym synonym : synonyms) {
            Optional<ResolvedConfig> explicit = explicitBrokerValue(image, synonym.name());
            if (explicit.isPresent()) {
                Object value = synonym.toTopicValue(explicit.get().value());
                return new ResolvedConfig(name, ConfigDef.parseType(name, value, key.type), explicit.get().source());
            }
        }
        for (ConfigSynonym synonym : synonyms) {
            Object brokerDefault = BrokerConfigDefinitions.key(synonym.name()).map(k -> k.defaultValue).orElse(null);
            if (brokerDefault != null) {
                Object value = synonym.toTopicValue(brokerDefault);
                return new ResolvedConfig(name, ConfigDef.parseType(name, value, key.type), ConfigSource.DEFAULT_CONFIG);
            }
        }
        return new ResolvedConfig(name, key.defaultValue, ConfigSource.DEFAULT_CONFIG);
    }

    /** Effective broker config value (typed when the config is known), with its source. */
    public ResolvedConfig resolveBrokerConfig(MetadataImage image, String name) {
        return explicitBrokerValue(image, name).orElseGet(() -> new ResolvedConfig(name,
            BrokerConfigDefinitions.key(name).map(k -> k.defaultValue).orElse(null), ConfigSource.DEFAULT_CONFIG));
    }

    public Object brokerValue(MetadataImage image, String name) {
        return resolveBrokerConfig(image, name).value();
    }

    private Optional<ResolvedConfig> explicitBrokerValue(MetadataImage image, String name) {
        String raw = dynamicNodeConfig(image).get(name);
        ConfigSource source = ConfigSource.DYNAMIC_BROKER_CONFIG;
        if (raw == null) {
            raw = dynamicDefaultConfig(image).get(name);
            source = ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG;
        }
        if (raw == null) {
            raw = staticConfig.get(name);
            source = ConfigSource.STATIC_BROKER_CONFIG;
        }
        if (raw == null) {
            return Optional.empty();
        }
        Optional<ConfigDef.ConfigKey> key = BrokerConfigDefinitions.keyOrListenerBase(name);
        Object value = key.isPresent() ? ConfigDef.parseType(name, raw.trim(), key.get().type) : raw;
        return Optional.of(new ResolvedConfig(name, value, source));
    }
}
