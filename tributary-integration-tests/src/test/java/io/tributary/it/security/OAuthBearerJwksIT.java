package io.tributary.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.tributary.embedded.EmbeddedTributary;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TestClients;
import io.tributary.it.support.TopicNames;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OAUTHBEARER with signed tokens, as in production: the broker validates each token's signature against the keys
 * of a JWKS endpoint, and its audience and issuer (kafka-clients' OAuthBearerValidatorCallbackHandler); the client
 * reads its token from a file (kafka-clients' OAuthBearerLoginCallbackHandler).
 */
class OAuthBearerJwksIT {

    private static final String MODULE = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";
    private static final String ALLOWED_URLS = "org.apache.kafka.sasl.oauthbearer.allowed.urls";
    private static final String ALLOWED_FILES = "org.apache.kafka.sasl.oauthbearer.allowed.files";

    private static HttpServer jwks;
    private static RsaJsonWebKey key;
    private static EmbeddedTributary broker;
    private static TestClients clients;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("tributary-oauth");
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("key-1");
        byte[] keys = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                .getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        jwks.start();
        String jwksUrl = "http://localhost:" + jwks.getAddress().getPort() + "/jwks";
        // kafka-clients reads only URLs and files listed in these system properties
        System.setProperty(ALLOWED_URLS, String.join(",", jwksUrl, tokenFile("erin").toUri().toString(),
                tokenFile("mallory").toUri().toString()));
        System.setProperty(ALLOWED_FILES, dir.toAbsolutePath() + "/*");
        String prefix = "listener.name.sasl_plaintext.oauthbearer.";
        broker = EmbeddedTributary.builder()
                .config("listeners", "SASL_PLAINTEXT://localhost:0")
                .config("sasl.enabled.mechanisms", "OAUTHBEARER")
                .config(prefix + "sasl.jaas.config", MODULE + " required;")
                .config(prefix + "sasl.server.callback.handler.class",
                        "org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler")
                .config(prefix + "sasl.oauthbearer.jwks.endpoint.url", jwksUrl)
                .config("sasl.oauthbearer.expected.audience", "tributary")
                .config("sasl.oauthbearer.expected.issuer", "https://issuer.test")
                .start();
        clients = new TestClients(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) {
            clients.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (jwks != null) {
            jwks.stop(0);
        }
        System.clearProperty(ALLOWED_URLS);
        System.clearProperty(ALLOWED_FILES);
    }

    @Test
    void aSignedTokenForThisAudienceLogsIn() throws Exception {
        Map<String, Object> erin = client(token("erin", "tributary", Duration.ofHours(1)));

        assertThat(Producing.sendAll(clients.producer(erin),
                Producing.numbered(TopicNames.unique("jwks"), 0, "j", 3))).hasSize(3);
    }

    @Test
    void aTokenForAnotherAudienceFailsWithKafkasError() throws Exception {
        Admin admin = clients.newAdmin(client(token("mallory", "someone-else", Duration.ofHours(1))));

        assertThatThrownBy(() -> admin.describeCluster().clusterId().get())
                .hasCauseInstanceOf(SaslAuthenticationException.class);
        admin.close(Duration.ZERO);
    }

    private static Map<String, Object> client(Path tokenFile) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, "OAUTHBEARER");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, MODULE + " required;");
        config.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS,
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler");
        config.put(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL, tokenFile.toUri().toString());
        return config;
    }

    private static Path token(String subject, String audience, Duration lifetime) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(subject);
        claims.setAudience(audience);
        claims.setIssuer("https://issuer.test");
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(lifetime.toSeconds());
        claims.setExpirationTime(expiry);
        claims.setClaim("scope", "kafka");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        Path file = tokenFile(subject);
        Files.writeString(file, jws.getCompactSerialization());
        return file;
    }

    private static Path tokenFile(String subject) {
        return dir.resolve(subject + ".jwt");
    }
}
