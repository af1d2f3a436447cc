package io.tributary.network.security;

import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.internals.BrokerSecurityConfigs;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * How this node connects to its peers' inter-broker listener: that listener's protocol, TLS with the listener's own
 * {@code ssl.*} settings (its trust store verifies the peer; its key store answers a peer that asks for a client
 * certificate), and SASL with {@code sasl.mechanism.inter.broker.protocol} and the {@code username} / {@code password}
 * options of the listener's JAAS config for that mechanism, as a Kafka broker does.
 *
 * @param tls       null unless the protocol uses TLS
 * @param mechanism null unless the protocol uses SASL
 * @param verifyHostname {@code ssl.endpoint.identification.algorithm} is https (the default)
 */
public record ClientSecurity(SecurityProtocol protocol, SslContext tls, boolean verifyHostname, String mechanism,
                             String username, String password) {

    public static final ClientSecurity PLAINTEXT = new ClientSecurity(SecurityProtocol.PLAINTEXT, null, false, null,
            null, null);

    /** @param configs the inter-broker listener's effective settings, as for {@link ListenerSecurity#create} */
    public static ClientSecurity interBroker(String listenerName, SecurityProtocol protocol, Map<String, ?> configs) {
        if (protocol == SecurityProtocol.PLAINTEXT) {
            return PLAINTEXT;
        }
        boolean usesTls = protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL;
        SslContext tls = usesTls ? TlsContexts.client(configs) : null;
        boolean verify = "https".equalsIgnoreCase(SecurityConfigs.string(configs,
                SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "https"));
        if (protocol == SecurityProtocol.SSL) {
            return new ClientSecurity(protocol, tls, verify, null, null, null);
        }
        String mechanism = SecurityConfigs.string(configs,
                BrokerSecurityConfigs.SASL_MECHANISM_INTER_BROKER_PROTOCOL_CONFIG, "GSSAPI");
        String key = SecurityConfigs.mechanismPrefix(listenerName, mechanism) + SaslConfigs.SASL_JAAS_CONFIG;
        String jaas = SecurityConfigs.mechanismScoped(configs, listenerName, mechanism, SaslConfigs.SASL_JAAS_CONFIG);
        Map<String, Object> lookup = jaas == null ? Map.of()
                : Map.of(mechanism.toLowerCase(Locale.ROOT) + "." + SaslConfigs.SASL_JAAS_CONFIG,
                        new org.apache.kafka.common.config.types.Password(jaas)); // the key JaasContext reads
        List<AppConfigurationEntry> entries;
        try {
            entries = JaasContext.loadServerContext(new ListenerName(listenerName.toUpperCase(Locale.ROOT)),
                    mechanism, lookup).configurationEntries();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("The inter-broker listener " + listenerName + " uses SASL " + mechanism
                    + " but has no JAAS config with the broker's username and password: set " + key);
        }
        String username = JaasContext.configEntryOption(entries, "username", null);
        String password = JaasContext.configEntryOption(entries, "password", null);
        if (username == null || password == null) {
            throw new ConfigException("The JAAS config of " + key + " needs username and password options: this "
                    + "broker's own credentials for " + mechanism + " on the inter-broker listener");
        }
        return new ClientSecurity(protocol, tls, verify, mechanism, username, password);
    }

    public boolean usesTls() {
        return tls != null;
    }

    public boolean usesSasl() {
        return mechanism != null;
    }
}
