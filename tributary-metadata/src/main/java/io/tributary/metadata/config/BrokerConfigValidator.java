package io.tributary.metadata.config;

import java.util.Map;
import java.util.Optional;

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

    /**
     * @param changes   keys being set (non-null value) or removed (null value)
     * @param perBroker true for a broker id's resource, false for the cluster default ("")
     */
    public static Optional<ApiError> validate(Map<String, String> changes, boolean perBroker) {
        try {
            DynamicBrokerConfigs.validate(changes, perBroker);
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(new ApiError(Errors.INVALID_REQUEST, e.getMessage()));
        }
    }
}
