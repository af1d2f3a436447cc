package io.tributary.server;

import static io.tributary.metadata.config.QuotaConfigDefinitions.CONTROLLER_QUOTA_WINDOW_NUM;
import static io.tributary.metadata.config.QuotaConfigDefinitions.CONTROLLER_QUOTA_WINDOW_SIZE_SECONDS;
import static io.tributary.metadata.config.QuotaConfigDefinitions.MAX_CONNECTIONS;
import static io.tributary.metadata.config.QuotaConfigDefinitions.MAX_CONNECTIONS_PER_IP;
import static io.tributary.metadata.config.QuotaConfigDefinitions.MAX_CONNECTIONS_PER_IP_OVERRIDES;
import static io.tributary.metadata.config.QuotaConfigDefinitions.QUOTA_WINDOW_NUM;
import static io.tributary.metadata.config.QuotaConfigDefinitions.QUOTA_WINDOW_SIZE_SECONDS;

import io.tributary.broker.quota.QuotaSettings;
import io.tributary.metadata.config.BrokerConfig;
import io.tributary.network.ConnectionLimits;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/** Client quota windows and connection limits, from the broker config. */
final class QuotaWiring {

    private static final Pattern LISTENER_MAX_CONNECTIONS =
            Pattern.compile("listener\\.name\\.([^.]+)\\." + Pattern.quote(MAX_CONNECTIONS));

    private QuotaWiring() {
    }

    static QuotaSettings quotaSettings(BrokerConfig c) {
        return new QuotaSettings(c.getInt(QUOTA_WINDOW_NUM), c.getInt(QUOTA_WINDOW_SIZE_SECONDS),
                c.getInt(CONTROLLER_QUOTA_WINDOW_NUM), c.getInt(CONTROLLER_QUOTA_WINDOW_SIZE_SECONDS));
    }

    /** {@code max.connections*}, with {@code listener.name.NAME.max.connections} per listener. */
    static ConnectionLimits connectionLimits(BrokerConfig c, String interBrokerListener) {
        Map<String, Integer> perListener = new HashMap<>();
        c.originals().forEach((key, value) -> {
            Matcher m = LISTENER_MAX_CONNECTIONS.matcher(key);
            if (m.matches()) {
                perListener.put(m.group(1).toUpperCase(Locale.ROOT), parseCount(key, value));
            }
        });
        int perIp = c.getInt(MAX_CONNECTIONS_PER_IP);
        String overrides = c.getString(MAX_CONNECTIONS_PER_IP_OVERRIDES);
        if (perIp == 0 && (overrides == null || overrides.isBlank())) {
            // Kafka's rule: a per-address limit of 0 only makes sense with addresses allowed by the overrides.
            throw new ConfigException(MAX_CONNECTIONS_PER_IP_OVERRIDES, overrides,
                    "There must be at least one override when max.connections.per.ip is 0");
        }
        try {
            return new ConnectionLimits(c.getInt(MAX_CONNECTIONS), perListener, perIp,
                    ConnectionLimits.parseOverrides(overrides), interBrokerListener);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(MAX_CONNECTIONS_PER_IP_OVERRIDES, overrides, e.getMessage());
        }
    }

    private static int parseCount(String key, Object value) {
        try {
            int count = Integer.parseInt(String.valueOf(value).trim());
            if (count < 0) {
                throw new ConfigException(key, value, "Value must be at least 0");
            }
            return count;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "Expected an integer");
        }
    }
}
