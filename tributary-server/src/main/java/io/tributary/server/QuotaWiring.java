package io.tributary.server;

import static io.tributary.metadata.config.QuotaConfigDefinitions.CONTROLLER_QUOTA_WINDOW_NUM;
import static io.tributary.metadata.config.QuotaConfigDefinitions.CONTROLLER_QUOTA_WINDOW_SIZE_SECONDS;
import static io.tributary.metadata.config.QuotaConfigDefinitions.MAX_CONNECTIONS;
import static io.tributary.metadata.config.QuotaConfigDefinitions.MAX_CONNECTION_CREATION_RATE;
import static io.tributary.metadata.config.QuotaConfigDefinitions.MAX_CONNECTIONS_PER_IP;
import static io.tributary.metadata.config.QuotaConfigDefinitions.MAX_CONNECTIONS_PER_IP_OVERRIDES;
import static io.tributary.metadata.config.QuotaConfigDefinitions.QUOTA_WINDOW_NUM;
import static io.tributary.metadata.config.QuotaConfigDefinitions.QUOTA_WINDOW_SIZE_SECONDS;

import io.tributary.broker.quota.QuotaSettings;
import io.tributary.metadata.config.BrokerConfig;
import io.tributary.metadata.image.ClientQuotasImage;
import io.tributary.metadata.quota.QuotaKeys;
import io.tributary.network.ConnectionLimits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.quota.ClientQuotaEntity;

/** Client quota windows and connection limits, from the broker config. */
final class QuotaWiring {

    private QuotaWiring() {
    }

    static QuotaSettings quotaSettings(BrokerConfig c) {
        return new QuotaSettings(c.getInt(QUOTA_WINDOW_NUM), c.getInt(QUOTA_WINDOW_SIZE_SECONDS),
                c.getInt(CONTROLLER_QUOTA_WINDOW_NUM), c.getInt(CONTROLLER_QUOTA_WINDOW_SIZE_SECONDS));
    }

    /** {@code max.connections*} from server.properties, with {@code listener.name.NAME.max.connections}. */
    static ConnectionLimits connectionLimits(BrokerConfig c, Collection<String> listenerNames,
                                             String interBrokerListener) {
        return connectionLimits(name -> c.values().containsKey(name) ? c.values().get(name) : c.originals().get(name),
                listenerNames, interBrokerListener, ClientQuotasImage.EMPTY);
    }

    /**
     * The limits from each setting's effective value ({@code value} answers null for an unset per-listener one).
     *
     * @throws ConfigException for overrides that do not parse or name an unknown host
     */
    static ConnectionLimits connectionLimits(Function<String, Object> value, Collection<String> listenerNames,
                                             String interBrokerListener, ClientQuotasImage quotas) {
        Map<String, Integer> perListener = perListener(value, listenerNames, MAX_CONNECTIONS);
        int perIp = ((Number) value.apply(MAX_CONNECTIONS_PER_IP)).intValue();
        String overrides = (String) value.apply(MAX_CONNECTIONS_PER_IP_OVERRIDES);
        if (perIp == 0 && (overrides == null || overrides.isBlank())) {
            // Kafka's rule: a per-address limit of 0 only makes sense with addresses allowed by the overrides.
            throw new ConfigException(MAX_CONNECTIONS_PER_IP_OVERRIDES, overrides,
                    "There must be at least one override when max.connections.per.ip is 0");
        }
        try {
            return new ConnectionLimits(((Number) value.apply(MAX_CONNECTIONS)).intValue(), perListener, perIp,
                    ConnectionLimits.parseOverrides(overrides), interBrokerListener,
                    creationRates(value, listenerNames, quotas));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(MAX_CONNECTIONS_PER_IP_OVERRIDES, overrides, e.getMessage());
        }
    }

    /** max.connection.creation.rate (broker-wide and per listener) and the ip entities' connection_creation_rate. */
    private static ConnectionLimits.CreationRates creationRates(Function<String, Object> value,
                                                                Collection<String> listenerNames,
                                                                ClientQuotasImage quotas) {
        Map<InetAddress, Integer> perIp = new HashMap<>();
        int defaultPerIp = Integer.MAX_VALUE;
        for (Map.Entry<ClientQuotaEntity, Map<String, Double>> e : quotas.asMap().entrySet()) {
            Map<String, String> entity = e.getKey().entries();
            Double rate = e.getValue().get(QuotaKeys.CONNECTION_CREATION_RATE);
            if (rate == null || !entity.containsKey(ClientQuotaEntity.IP)) {
                continue;
            }
            String ip = entity.get(ClientQuotaEntity.IP);
            if (ip == null) {
                defaultPerIp = rate.intValue();
            } else {
                try {
                    perIp.put(InetAddress.getByName(ip), rate.intValue());
                } catch (UnknownHostException ignored) {
                    // The controller accepted it as resolvable; a host that no longer resolves has no connections.
                }
            }
        }
        return new ConnectionLimits.CreationRates(((Number) value.apply(MAX_CONNECTION_CREATION_RATE)).intValue(),
                perListener(value, listenerNames, MAX_CONNECTION_CREATION_RATE), defaultPerIp, perIp,
                ((Number) value.apply(QUOTA_WINDOW_NUM)).intValue(),
                ((Number) value.apply(QUOTA_WINDOW_SIZE_SECONDS)).intValue());
    }

    /** The {@code listener.name.NAME.<setting>} values that are set, by upper-case listener name. */
    private static Map<String, Integer> perListener(Function<String, Object> value, Collection<String> listenerNames,
                                                    String setting) {
        Map<String, Integer> perListener = new HashMap<>();
        for (String listener : listenerNames) {
            String key = "listener.name." + listener.toLowerCase(Locale.ROOT) + "." + setting;
            Object limit = value.apply(key);
            if (limit != null) {
                perListener.put(listener.toUpperCase(Locale.ROOT), parseCount(key, limit));
            }
        }
        return perListener;
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
