package io.tributary.network.security;

import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.internals.BrokerSecurityConfigs;
import org.apache.kafka.common.network.ChannelBuilders;
import org.apache.kafka.common.security.auth.KafkaPrincipalBuilder;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.kerberos.KerberosShortNamer;
import org.apache.kafka.common.security.ssl.SslPrincipalMapper;

/**
 * How one listener secures its connections: TLS (a server {@link SslContext}) for SSL and SASL_SSL, SASL mechanisms
 * for SASL_PLAINTEXT and SASL_SSL, and the {@code principal.builder.class} (Kafka's default: the SASL user, or the
 * client certificate's distinguished name mapped by {@code ssl.principal.mapping.rules}).
 *
 * @param tls                   null unless the protocol uses TLS
 * @param sasl                  null unless the protocol uses SASL
 * @param maxReauthMs           {@code connections.max.reauth.ms}; 0 = sessions never expire
 * @param tlsHandshakeTimeoutMs how long a TLS handshake may take before the connection is closed
 * @param saslMaxReceiveBytes   {@code sasl.server.max.receive.size}: the largest frame before authentication
 */
public record ListenerSecurity(String listenerName, SecurityProtocol protocol, SslContext tls, SaslMechanisms sasl,
                               KafkaPrincipalBuilder principalBuilder, long maxReauthMs, long tlsHandshakeTimeoutMs,
                               int saslMaxReceiveBytes)
        implements AutoCloseable {

    /** Kafka names it BrokerSecurityConfigs.CONNECTIONS_MAX_REAUTH_MS_CONFIG (not public in every version). */
    public static final String MAX_REAUTH_MS = "connections.max.reauth.ms";

    /** Kafka's default sasl.server.max.receive.size. */
    public static final int DEFAULT_SASL_MAX_RECEIVE_BYTES = 524_288;

    /** Netty's default; long enough for a loaded machine, short enough that a stalled client holds little. */
    public static final long DEFAULT_TLS_HANDSHAKE_TIMEOUT_MS = 10_000;

    /** A PLAINTEXT listener: nothing to negotiate, every connection is {@code User:ANONYMOUS}. */
    public static ListenerSecurity plaintext(String listenerName) {
        return new ListenerSecurity(listenerName, SecurityProtocol.PLAINTEXT, null, null, null, 0,
                DEFAULT_TLS_HANDSHAKE_TIMEOUT_MS, DEFAULT_SASL_MAX_RECEIVE_BYTES);
    }

    /**
     * @param configs the listener's effective settings: every broker setting with this listener's
     *                {@code listener.name.<l>.} overrides applied, plus the prefixed originals (mechanism-scoped keys)
     */
    public static ListenerSecurity create(String listenerName, SecurityProtocol protocol, Map<String, ?> configs,
                                          ScramCredentialStore scram, long tlsHandshakeTimeoutMs) {
        if (protocol == SecurityProtocol.PLAINTEXT) {
            return plaintext(listenerName);
        }
        boolean usesTls = protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL;
        boolean usesSasl = protocol == SecurityProtocol.SASL_PLAINTEXT || protocol == SecurityProtocol.SASL_SSL;
        SslContext tls = usesTls ? TlsContexts.server(configs) : null;
        SaslMechanisms sasl = usesSasl ? SaslMechanisms.create(listenerName, configs, scram) : null;
        return new ListenerSecurity(listenerName, protocol, tls, sasl, principalBuilder(configs),
                SecurityConfigs.longValue(configs, MAX_REAUTH_MS, 0),
                tlsHandshakeTimeoutMs, (int) SecurityConfigs.longValue(configs,
                        BrokerSecurityConfigs.SASL_SERVER_MAX_RECEIVE_SIZE_CONFIG, DEFAULT_SASL_MAX_RECEIVE_BYTES));
    }

    private static KafkaPrincipalBuilder principalBuilder(Map<String, ?> configs) {
        String rules = SecurityConfigs.string(configs, BrokerSecurityConfigs.SSL_PRINCIPAL_MAPPING_RULES_CONFIG,
                BrokerSecurityConfigs.DEFAULT_SSL_PRINCIPAL_MAPPING_RULES);
        KerberosShortNamer kerberos = KerberosShortNamer.fromUnparsedRules("", List.of("DEFAULT"));
        return ChannelBuilders.createPrincipalBuilder(configs, kerberos, SslPrincipalMapper.fromRules(rules));
    }

    public boolean usesTls() {
        return tls != null;
    }

    public boolean usesSasl() {
        return sasl != null;
    }

    @Override
    public void close() {
        if (sasl != null) {
            sasl.close();
        }
    }
}
