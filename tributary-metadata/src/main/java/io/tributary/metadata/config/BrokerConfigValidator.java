package io.tributary.metadata.config;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * Validates dynamic broker config changes. Kafka answers INVALID_REQUEST (not INVALID_CONFIG) here, for
 * compatibility with its older releases, so we do too.
 */
public final class BrokerConfigValidator {

    private BrokerConfigValidator() {
    }

    /** @param changes keys being set (non-null value) or removed (null value) */
    public static Optional<ApiError> validate(Map<String, String> changes) {
        String notDynamic = changes.keySet().stream().filter(name -> !BrokerConfigDefinitions.isDynamic(name))
            .sorted().collect(Collectors.joining(", "));
        if (!notDynamic.isEmpty()) {
            return invalid("Cannot update these configs dynamically: Set(" + notDynamic + ")");
        }
        try {
            for (Map.Entry<String, String> change : changes.entrySet()) {
                if (change.getValue() == null) {
                    continue;
                }
                ConfigDef.ConfigKey key = BrokerConfigDefinitions.DEFINITION.configKeys().get(change.getKey());
                Object parsed = ConfigDef.parseType(key.name, change.getValue(), key.type);
                if (key.validator != null) {
                    key.validator.ensureValid(key.name, parsed);
                }
            }
        } catch (ConfigException e) {
            return invalid(e.getMessage());
        }
        return Optional.empty();
    }

    private static Optional<ApiError> invalid(String message) {
        return Optional.of(new ApiError(Errors.INVALID_REQUEST, message));
    }
}
