package io.tributary.server;

import io.tributary.metadata.config.BrokerConfig;
import io.tributary.network.Endpoint;
import io.tributary.network.security.ClientSecurity;
import io.tributary.network.security.ListenerSecurity;
import io.tributary.network.security.ScramCredentialStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Each listener's security from server.properties, with Kafka's override rule: for listener {@code L}, a key
 * {@code listener.name.l.<config>} wins over {@code <config>}; SASL settings may be scoped to a mechanism too
 * ({@code listener.name.l.<mechanism>.sasl.jaas.config}).
 */
final class ListenerSecuritySettings {

    private static final String LISTENER_PREFIX = "listener.name.";
    private static final String SSL_CLIENT_AUTH = "ssl.client.auth";

    private ListenerSecuritySettings() {
    }

    /** TLS contexts and SASL mechanisms of every listener that is not PLAINTEXT; failures name the listener. */
    static Map<String, ListenerSecurity> of(BrokerConfig config, List<Endpoint> endpoints, ScramCredentialStore scram) {
        Map<String, ListenerSecurity> byListener = new LinkedHashMap<>();
        try {
            for (Endpoint endpoint : endpoints) {
                Map<String, Object> configs = serverConfigs(config, endpoint);
                byListener.put(endpoint.listenerName(), ListenerSecurity.create(endpoint.listenerName(),
                        endpoint.securityProtocol(), configs, scram, ListenerSecurity.DEFAULT_TLS_HANDSHAKE_TIMEOUT_MS));
            }
        } catch (RuntimeException e) {
            byListener.values().forEach(ListenerSecurity::close);
            throw e;
        }
        return byListener;
    }

    /** A listener's settings for its server side: {@link #listenerConfigs} with Kafka's SASL_SSL client-auth rule. */
    static Map<String, Object> serverConfigs(BrokerConfig config, Endpoint endpoint) {
        Map<String, Object> configs = listenerConfigs(config, endpoint.listenerName());
        if (endpoint.securityProtocol() == SecurityProtocol.SASL_SSL
                && !config.originals().containsKey(prefix(endpoint.listenerName()) + SSL_CLIENT_AUTH)) {
            // Kafka: on SASL_SSL, client certificates are asked for only with the listener-prefixed setting
            configs.put(SSL_CLIENT_AUTH, "none");
        }
        return configs;
    }

    /** How this node reaches its peers: the protocol and settings of the inter-broker listener. */
    static ClientSecurity interBroker(BrokerConfig config, List<Endpoint> endpoints, String interBrokerListener) {
        Endpoint endpoint = endpoints.stream().filter(e -> e.listenerName().equals(interBrokerListener)).findFirst()
                .orElseThrow(() -> new ConfigException("inter.broker.listener.name", interBrokerListener,
                        "is not one of the broker listeners " + endpoints.stream().map(Endpoint::listenerName).toList()));
        return ClientSecurity.interBroker(endpoint.listenerName(), endpoint.securityProtocol(),
                listenerConfigs(config, endpoint.listenerName()));
    }

    static String prefix(String listenerName) {
        return LISTENER_PREFIX + listenerName.toLowerCase(Locale.ROOT) + ".";
    }

    /**
     * Every broker setting (parsed) with the listener's overrides applied, plus the listener's prefixed keys as
     * given and without the listener prefix (the mechanism-scoped ones, e.g. {@code plain.sasl.jaas.config}, have no
     * definition) and any key no definition knows (a custom callback handler's own settings).
     */
    static Map<String, Object> listenerConfigs(BrokerConfig config, String listenerName) {
        String prefix = prefix(listenerName);
        Map<String, Object> values = new HashMap<>(config.valuesWithPrefixOverride(prefix));
        config.originals().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                // Kafka's channel configs hold mechanism-scoped keys without the listener prefix
                // (oauthbearer.sasl.oauthbearer.jwks.endpoint.url), which kafka-clients' handlers look up
                values.putIfAbsent(key.substring(prefix.length()), value);
                values.putIfAbsent(key, value);
            } else if (!values.containsKey(key) && !key.startsWith(LISTENER_PREFIX)) {
                values.putIfAbsent(key, value);
            }
        });
        return values;
    }
}
