package io.tributary.network.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.internals.BrokerSecurityConfigs;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.internals.OAuthBearerSaslServer;
import org.apache.kafka.common.security.oauthbearer.internals.unsecured.OAuthBearerUnsecuredValidatorCallbackHandler;
import org.apache.kafka.common.security.plain.internals.PlainSaslServer;
import org.apache.kafka.common.security.plain.internals.PlainServerCallbackHandler;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.security.scram.internals.ScramSaslServer;
import org.apache.kafka.common.utils.Utils;

/**
 * The SASL mechanisms a listener enables ({@code sasl.enabled.mechanisms}), each with its callback handler, built once
 * per listener and shared by its connections. The mechanisms' servers are kafka-clients' own (PLAIN, SCRAM-SHA-256/512,
 * OAUTHBEARER); the JAAS config is looked up as Kafka does: {@code listener.name.<l>.<mechanism>.sasl.jaas.config}
 * first, then (Tributary) {@code sasl.jaas.config}, then a static JAAS file's {@code <l>.KafkaServer} /
 * {@code KafkaServer} section. {@code sasl.server.callback.handler.class} (listener and mechanism scoped like the
 * JAAS config) replaces the default handler: PLAIN's JAAS users, SCRAM's metadata credentials, OAUTHBEARER's
 * unsecured-token validator.
 */
public final class SaslMechanisms implements AutoCloseable {

    private final Map<String, AuthenticateCallbackHandler> handlers;
    private final Map<String, ?> configs;

    private SaslMechanisms(Map<String, AuthenticateCallbackHandler> handlers, Map<String, ?> configs) {
        this.handlers = handlers;
        this.configs = configs;
    }

    /**
     * @param configs the listener's configs (overrides applied) plus the listener- and mechanism-prefixed originals
     */
    public static SaslMechanisms create(String listenerName, Map<String, ?> configs, ScramCredentialStore scram) {
        List<String> enabled = SecurityConfigs.list(configs, BrokerSecurityConfigs.SASL_ENABLED_MECHANISMS_CONFIG);
        if (enabled.isEmpty()) {
            throw new ConfigException("Listener " + listenerName + " uses SASL but "
                    + BrokerSecurityConfigs.SASL_ENABLED_MECHANISMS_CONFIG + " is empty");
        }
        Map<String, AuthenticateCallbackHandler> handlers = new LinkedHashMap<>();
        try {
            for (String mechanism : enabled) {
                handlers.put(mechanism, handler(listenerName, mechanism, configs, scram));
            }
        } catch (RuntimeException e) {
            handlers.values().forEach(AuthenticateCallbackHandler::close);
            throw e;
        }
        return new SaslMechanisms(handlers, configs);
    }

    public List<String> enabled() {
        return List.copyOf(handlers.keySet());
    }

    public boolean isEnabled(String mechanism) {
        return handlers.containsKey(mechanism);
    }

    /** A new server for one connection's exchange; the mechanism must be enabled. */
    public SaslServer newServer(String mechanism) throws SaslException {
        AuthenticateCallbackHandler handler = handlers.get(mechanism);
        if (handler == null) {
            throw new SaslException("Mechanism " + mechanism + " is not enabled");
        }
        if (PlainSaslServer.PLAIN_MECHANISM.equals(mechanism)) {
            return new PlainSaslServer(handler);
        }
        if (ScramMechanism.isScram(mechanism)) {
            try {
                return new ScramSaslServer(ScramMechanism.forMechanismName(mechanism), configs, handler);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new SaslException("No hash algorithm for " + mechanism, e);
            }
        }
        return new OAuthBearerSaslServer(handler);
    }

    private static AuthenticateCallbackHandler handler(String listenerName, String mechanism, Map<String, ?> configs,
                                                       ScramCredentialStore scram) {
        boolean scramMechanism = ScramMechanism.isScram(mechanism);
        if (!PlainSaslServer.PLAIN_MECHANISM.equals(mechanism) && !scramMechanism
                && !"OAUTHBEARER".equals(mechanism)) {
            throw new ConfigException(BrokerSecurityConfigs.SASL_ENABLED_MECHANISMS_CONFIG, mechanism,
                    "Tributary supports PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 and OAUTHBEARER (not GSSAPI/Kerberos)");
        }
        String handlerClass = SecurityConfigs.mechanismScoped(configs, listenerName, mechanism,
                BrokerSecurityConfigs.SASL_SERVER_CALLBACK_HANDLER_CLASS_CONFIG);
        AuthenticateCallbackHandler handler;
        if (handlerClass != null) {
            try {
                handler = Utils.newInstance(handlerClass, AuthenticateCallbackHandler.class);
            } catch (ClassNotFoundException e) {
                throw new ConfigException(BrokerSecurityConfigs.SASL_SERVER_CALLBACK_HANDLER_CLASS_CONFIG, handlerClass,
                        "class not found");
            }
        } else if (scramMechanism) {
            handler = new ScramCredentialCallbackHandler(scram);
        } else if (PlainSaslServer.PLAIN_MECHANISM.equals(mechanism)) {
            handler = new PlainServerCallbackHandler();
        } else {
            handler = new OAuthBearerUnsecuredValidatorCallbackHandler();
        }
        handler.configure(configs, mechanism, jaasEntries(listenerName, mechanism, configs, !scramMechanism));
        return handler;
    }

    /** SCRAM needs no JAAS section on the server side (its users live in the metadata), the others do. */
    private static List<javax.security.auth.login.AppConfigurationEntry> jaasEntries(
            String listenerName, String mechanism, Map<String, ?> configs, boolean required) {
        String key = SecurityConfigs.mechanismPrefix(listenerName, mechanism) + SaslConfigs.SASL_JAAS_CONFIG;
        String jaas = SecurityConfigs.mechanismScoped(configs, listenerName, mechanism, SaslConfigs.SASL_JAAS_CONFIG);
        Map<String, Object> lookup = new LinkedHashMap<>();
        if (jaas != null) {
            lookup.put(mechanism.toLowerCase(Locale.ROOT) + "." + SaslConfigs.SASL_JAAS_CONFIG,
                    new org.apache.kafka.common.config.types.Password(jaas)); // the key JaasContext reads
        }
        try {
            return JaasContext.loadServerContext(new ListenerName(listenerName.toUpperCase(Locale.ROOT)), mechanism,
                    lookup).configurationEntries();
        } catch (IllegalArgumentException e) {
            if (!required) {
                return List.of();
            }
            throw new ConfigException("No JAAS configuration for SASL mechanism " + mechanism + " on listener "
                    + listenerName + ": set " + key + " (" + e.getMessage() + ")");
        }
    }

    /** Closes the callback handlers (e.g. an OAUTHBEARER JWKS refresher). */
    @Override
    public void close() {
        handlers.values().forEach(AuthenticateCallbackHandler::close);
    }
}
