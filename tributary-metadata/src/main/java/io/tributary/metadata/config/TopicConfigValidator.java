package io.tributary.metadata.config;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

import io.tributary.metadata.image.MetadataImage;

/** Validates a complete set of topic overrides as Kafka does, producing Kafka's INVALID_CONFIG messages. */
public final class TopicConfigValidator {

    private final EffectiveConfigResolver resolver;

    public TopicConfigValidator(EffectiveConfigResolver resolver) {
        this.resolver = resolver;
    }

    /** @return the error, or empty if {@code overrides} may become the topic's override set */
    public Optional<ApiError> validate(MetadataImage image, Map<String, String> overrides) {
        String nullKeys = overrides.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey)
            .sorted().collect(Collectors.joining(","));
        if (!nullKeys.isEmpty()) {
            return invalid("Null value not supported for topic configs: " + nullKeys);
        }
        for (String name : overrides.keySet()) {
            if (TopicConfigDefinitions.key(name).isEmpty()) {
                return invalid("Unknown topic config name: " + name);
            }
        }
        try {
            for (Map.Entry<String, String> entry : overrides.entrySet()) {
                ConfigDef.ConfigKey key = TopicConfigDefinitions.DEFINITION.configKeys().get(entry.getKey());
                Object parsed = ConfigDef.parseType(key.name, entry.getValue(), key.type);
                if (key.validator != null) {
                    key.validator.ensureValid(key.name, parsed);
                }
            }
            validateCombination(resolver.effectiveTopicConfig(image, overrides));
        } catch (ConfigException e) {
            return invalid(e.getMessage());
        }
        return Optional.empty();
    }

    private static void validateCombination(Map<String, Object> effective) {
        long minLag = (Long) effective.get(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG);
        long maxLag = (Long) effective.get(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG);
        if (minLag > maxLag) {
            throw new ConfigException("conflict topic config setting " + TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG
                + " (" + minLag + ") > " + TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG + " (" + maxLag + ")");
        }
        // Tiered storage is not available in this broker.
        if ((Boolean) effective.get(TopicConfig.REMOTE_LOG_STORAGE_ENABLE_CONFIG)) {
            throw new ConfigException("Tiered Storage functionality is disabled in the broker. "
                + "Topic cannot be configured with remote log storage.");
        }
    }

    private static Optional<ApiError> invalid(String message) {
        return Optional.of(new ApiError(Errors.INVALID_CONFIG, message));
    }
}
