package io.tributary.network.security;

import static io.tributary.network.security.SecurityConfigs.list;
import static io.tributary.network.security.SecurityConfigs.string;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.internals.BrokerSecurityConfigs;

/**
 * Netty TLS contexts from Kafka's {@code ssl.*} settings: key and trust stores as JKS, PKCS12 or PEM (a file, or
 * inline {@code ssl.keystore.certificate.chain} / {@code ssl.keystore.key} / {@code ssl.truststore.certificates}),
 * {@code ssl.client.auth}, {@code ssl.enabled.protocols}, {@code ssl.cipher.suites}. The engine is OpenSSL
 * (BoringSSL from netty-tcnative) when it loads, the JDK's otherwise; {@code -Dio.netty.handler.ssl.noOpenSsl=true}
 * forces the JDK engine.
 */
public final class TlsContexts {

    private static final String PEM = "PEM";
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);

    private TlsContexts() {
    }

    /** Which engine new contexts use: "OpenSSL (BoringSSL ...)" or "JDK". */
    public static String engineName() {
        return provider() == SslProvider.OPENSSL ? "OpenSSL (" + OpenSsl.versionString() + ")" : "JDK";
    }

    /** The server side of a TLS listener. */
    public static SslContext server(Map<String, ?> configs) {
        try {
            SslContextBuilder builder = withKeys(configs, true);
            withTrust(builder, configs);
            builder.clientAuth(clientAuth(string(configs, BrokerSecurityConfigs.SSL_CLIENT_AUTH_CONFIG, "none")));
            return common(builder, configs).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("Invalid TLS settings: " + e);
        }
    }

    /** The client side (inter-broker connections): its own key store only when the peer asks for a certificate. */
    public static SslContext client(Map<String, ?> configs) {
        try {
            SslContextBuilder builder = withKeys(configs, false);
            withTrust(builder, configs);
            return common(builder, configs).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("Invalid TLS settings: " + e);
        }
    }

    private static SslContextBuilder common(SslContextBuilder builder, Map<String, ?> configs) {
        builder.sslProvider(provider());
        var protocols = list(configs, SslConfigs.SSL_ENABLED_PROTOCOLS_CONFIG);
        if (!protocols.isEmpty()) {
            builder.protocols(protocols);
        }
        var ciphers = list(configs, SslConfigs.SSL_CIPHER_SUITES_CONFIG);
        if (!ciphers.isEmpty()) {
            builder.ciphers(ciphers);
        }
        return builder;
    }

    private static SslProvider provider() {
        return OpenSsl.isAvailable() && OpenSsl.supportsKeyManagerFactory() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    static ClientAuth clientAuth(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "required" -> ClientAuth.REQUIRE;
            case "requested" -> ClientAuth.OPTIONAL;
            case "none" -> ClientAuth.NONE;
            default -> throw new ConfigException(BrokerSecurityConfigs.SSL_CLIENT_AUTH_CONFIG, value,
                    "must be one of required, requested, none");
        };
    }

    private static SslContextBuilder withKeys(Map<String, ?> configs, boolean server)
            throws IOException, GeneralSecurityException {
        String type = string(configs, SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "JKS").toUpperCase(Locale.ROOT);
        String location = string(configs, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG);
        String chain = string(configs, SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG);
        String key = string(configs, SslConfigs.SSL_KEYSTORE_KEY_CONFIG);
        String keyPassword = string(configs, SslConfigs.SSL_KEY_PASSWORD_CONFIG);
        if (PEM.equals(type)) {
            if (location != null && (chain != null || key != null)) {
                throw new ConfigException("Both " + SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG
                        + " and inline PEM key/certificate chain are set; set only one");
            }
            if (location != null) {
                byte[] pem = Files.readAllBytes(Path.of(location)); // one file holds the key and its chain
                return keyed(server, new ByteArrayInputStream(pem), new ByteArrayInputStream(pem), keyPassword);
            }
            if (chain != null && key != null) {
                return keyed(server, stream(chain), stream(key), keyPassword);
            }
        } else if (location != null) {
            String storePassword = string(configs, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG);
            KeyStore store = load(type, location, storePassword);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(
                    string(configs, SslConfigs.SSL_KEYMANAGER_ALGORITHM_CONFIG, KeyManagerFactory.getDefaultAlgorithm()));
            String password = keyPassword != null ? keyPassword : storePassword;
            factory.init(store, password == null ? null : password.toCharArray());
            return server ? SslContextBuilder.forServer(factory) : SslContextBuilder.forClient().keyManager(factory);
        }
        if (server) {
            throw new ConfigException("A TLS listener needs a key store: " + SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG
                    + " (or, with ssl.keystore.type=PEM, ssl.keystore.certificate.chain and ssl.keystore.key)");
        }
        return SslContextBuilder.forClient();
    }

    private static SslContextBuilder keyed(boolean server, InputStream chain, InputStream key, String password) {
        return server ? SslContextBuilder.forServer(chain, key, password)
                : SslContextBuilder.forClient().keyManager(chain, key, password);
    }

    private static void withTrust(SslContextBuilder builder, Map<String, ?> configs)
            throws IOException, GeneralSecurityException {
        String type = string(configs, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "JKS").toUpperCase(Locale.ROOT);
        String location = string(configs, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
        String certificates = string(configs, SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG);
        if (PEM.equals(type)) {
            if (location != null && certificates != null) {
                throw new ConfigException("Both " + SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG + " and "
                        + SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG + " are set; set only one");
            }
            if (location != null) {
                builder.trustManager(Files.newInputStream(Path.of(location)));
            } else if (certificates != null) {
                builder.trustManager(stream(certificates));
            }
            return;
        }
        if (location == null) {
            return; // the JDK's default trust anchors, as Kafka
        }
        KeyStore store = load(type, location, string(configs, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(string(configs,
                SslConfigs.SSL_TRUSTMANAGER_ALGORITHM_CONFIG, TrustManagerFactory.getDefaultAlgorithm()));
        factory.init(store);
        builder.trustManager(factory);
    }

    private static KeyStore load(String type, String location, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        return store;
    }

    /**
     * Inline PEM in server.properties usually loses its line breaks (a value continued with a backslash is joined);
     * Kafka accepts that, so each block is rebuilt with the breaks Netty's PEM reader expects.
     */
    static InputStream stream(String pem) {
        StringBuilder normalized = new StringBuilder();
        Matcher block = PEM_BLOCK.matcher(pem);
        while (block.find()) {
            normalized.append("-----BEGIN ").append(block.group(1)).append("-----\n")
                    .append(block.group(2).replaceAll("\\s", "")).append("\n-----END ").append(block.group(1))
                    .append("-----\n");
        }
        return new ByteArrayInputStream((normalized.length() > 0 ? normalized.toString() : pem)
                .getBytes(StandardCharsets.US_ASCII));
    }
}
