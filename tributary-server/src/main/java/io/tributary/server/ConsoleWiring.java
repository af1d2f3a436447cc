package io.tributary.server;

import static io.tributary.metadata.config.ConsoleConfigDefinitions.CONSOLE_CLIENT_PREFIX;
import static io.tributary.metadata.config.ConsoleConfigDefinitions.CONSOLE_ENABLE;
import static io.tributary.metadata.config.ConsoleConfigDefinitions.CONSOLE_LISTENER_NAME;
import static io.tributary.metadata.config.ConsoleConfigDefinitions.CONSOLE_READ_ONLY;
import static io.tributary.metadata.config.ConsoleConfigDefinitions.CONSOLE_SESSION_TIMEOUT_MS;

import io.tributary.console.web.Console;
import io.tributary.console.ConsoleContext;
import io.tributary.console.ConsoleSettings;
import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.metrics.BrokerTopicStats;
import io.tributary.metadata.config.BrokerConfig;
import io.tributary.server.http.HttpEndpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.internals.BrokerSecurityConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Starts the web console on the node's HTTP endpoint once the broker serves: picks the listener its clients use,
 * their security settings (the listener's own trust and key stores unless {@code tributary.console.client.*} says
 * otherwise) and, on a SASL listener, the mechanism a login uses.
 */
final class ConsoleWiring {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsoleWiring.class);

    /** The mechanisms a login form can use, in order of preference. */
    private static final List<String> LOGIN_MECHANISMS = List.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

    private ConsoleWiring() {
    }

    /**
     * The console, mounted; empty when disabled or when the node has no HTTP endpoint. Call it only when
     * {@link ConsolePresence#onClassPath()}: this class links against the console's. Only types of the server's own
     * modules in the signature, so that callers link without them.
     */
    static Optional<AutoCloseable> start(BrokerConfig config, Optional<HttpEndpoint> http, int nodeId,
                                         Map<String, HostPort> advertised, PartitionManager partitions,
                                         RequestAuthorizer authorizer, String interBrokerListener,
                                         BrokerTopicStats stats) {
        if (!config.getBoolean(CONSOLE_ENABLE) || http.isEmpty()) {
            return Optional.empty();
        }
        Optional<ConsoleSettings> settings = settings(config, advertised);
        if (settings.isEmpty()) {
            LOG.warn("No web console: no listener it can use (a SASL listener with one of {}, or one without SASL); "
                    + "set {} or {}=false", LOGIN_MECHANISMS, CONSOLE_LISTENER_NAME, CONSOLE_ENABLE);
            return Optional.empty();
        }
        try {
            Console console = Console.start(new ConsoleContext(nodeId, settings.get(),
                    new ConsoleLocalLogs(partitions), ConsoleAccess.of(authorizer, interBrokerListener),
                    ConsoleRates.of(stats)));
            http.get().mount(Console.PREFIX, console);
            return Optional.of(console);
        } catch (RuntimeException e) {
            // The console is an extra: a broker never stops serving because it could not start it.
            LOG.error("The web console could not start; the broker runs without it", e);
            return Optional.empty();
        }
    }

    /** The console's settings; empty when no listener suits it and none was named. */
    static Optional<ConsoleSettings> settings(BrokerConfig config, Map<String, HostPort> advertised) {
        Optional<String> chosen = listener(config, advertised);
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        String listener = chosen.get();
        HostPort address = advertised.get(listener);
        SecurityProtocol protocol = address.protocol();
        Map<String, Object> client = new HashMap<>();
        client.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name);
        if (protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL) {
            // The broker trusts what its listener trusts, and presents its own key when asked for a certificate.
            Map<String, Object> listenerConfigs = ListenerSecuritySettings.listenerConfigs(config, listener);
            for (String key : List.of(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
                    SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG,
                    SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG,
                    SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, SslConfigs.SSL_KEY_PASSWORD_CONFIG,
                    SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, SslConfigs.SSL_KEYSTORE_KEY_CONFIG)) {
                Object value = listenerConfigs.get(key);
                if (value != null) {
                    client.put(key, value instanceof org.apache.kafka.common.config.types.Password p ? p.value()
                            : value);
                }
            }
            trustOwnCertificateWithoutTrustStore(client);
        }
        Optional<String> mechanism = Optional.empty();
        if (usesSasl(protocol)) {
            mechanism = loginMechanism(config, listener);
            if (mechanism.isEmpty()) {
                throw new ConfigException(CONSOLE_LISTENER_NAME, listener, "the console logs in with one of "
                        + LOGIN_MECHANISMS + ", and the listener enables none of them");
            }
        }
        config.originalsWithPrefix(CONSOLE_CLIENT_PREFIX).forEach(client::put);
        return Optional.of(new ConsoleSettings(address.host() + ":" + address.port(), client, mechanism,
                config.getBoolean(CONSOLE_READ_ONLY), config.getLong(CONSOLE_SESSION_TIMEOUT_MS)));
    }

    /**
     * A listener that asks for no client certificate often has a key store and no trust store; the console's
     * clients then trust the broker's own certificate (the key store's, which the listener presents) rather than the
     * JVM's default CAs, which would refuse a private CA's certificate.
     */
    private static void trustOwnCertificateWithoutTrustStore(Map<String, Object> client) {
        if (client.containsKey(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG)
                || client.containsKey(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG)) {
            return;
        }
        Object location = client.get(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG);
        Object chain = client.get(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG);
        if (location != null) {
            client.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, location);
            client.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, client.getOrDefault(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG,
                    SslConfigs.DEFAULT_SSL_KEYSTORE_TYPE));
            Object password = client.get(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG);
            if (password != null) {
                client.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, password);
            }
        } else if (chain != null) {
            client.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            client.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, chain);
        }
    }

    /**
     * The configured listener; else the first SASL listener the console can log in on (SCRAM or PLAIN), else the
     * first listener without SASL; else none (every listener asks for a mechanism a login form cannot give, such as
     * OAUTHBEARER or GSSAPI).
     */
    private static Optional<String> listener(BrokerConfig config, Map<String, HostPort> advertised) {
        String configured = config.getString(CONSOLE_LISTENER_NAME);
        if (configured != null && !configured.isBlank()) {
            if (!advertised.containsKey(configured)) {
                throw new ConfigException(CONSOLE_LISTENER_NAME, configured, "is not one of the broker listeners "
                        + advertised.keySet());
            }
            return Optional.of(configured);
        }
        return advertised.entrySet().stream()
                .filter(e -> usesSasl(e.getValue().protocol()) && loginMechanism(config, e.getKey()).isPresent())
                .map(Map.Entry::getKey).findFirst()
                .or(() -> advertised.entrySet().stream().filter(e -> !usesSasl(e.getValue().protocol()))
                        .map(Map.Entry::getKey).findFirst());
    }

    private static boolean usesSasl(SecurityProtocol protocol) {
        return protocol == SecurityProtocol.SASL_PLAINTEXT || protocol == SecurityProtocol.SASL_SSL;
    }

    /** The first of {@link #LOGIN_MECHANISMS} the listener enables. */
    private static Optional<String> loginMechanism(BrokerConfig config, String listener) {
        Object enabled = ListenerSecuritySettings.listenerConfigs(config, listener)
                .get(BrokerSecurityConfigs.SASL_ENABLED_MECHANISMS_CONFIG);
        List<?> mechanisms = enabled instanceof List<?> list ? list : List.of(String.valueOf(enabled).split(","));
        return LOGIN_MECHANISMS.stream().filter(m -> mechanisms.stream()
                .anyMatch(e -> m.equals(String.valueOf(e).trim()))).findFirst();
    }
}
