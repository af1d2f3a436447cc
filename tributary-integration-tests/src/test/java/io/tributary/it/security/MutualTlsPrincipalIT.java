package io.tributary.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.TestCertificates;
import io.tributary.network.Endpoint;
import io.tributary.network.NettyServer;
import io.tributary.network.NetworkConfig;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import io.tributary.network.security.ListenerSecurity;
import io.tributary.network.security.ScramCredentialStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;

/**
 * The principal of a TLS connection with a client certificate is the certificate's distinguished name mapped by
 * ssl.principal.mapping.rules (kafka-clients' SslPrincipalMapper through Kafka's default principal builder), as the
 * request handlers see it in the RequestContext.
 */
class MutualTlsPrincipalIT {

    @Test
    void clientCertificateNamesThePrincipalThroughTheMappingRules() throws Exception {
        Path dir = Files.createTempDirectory("tributary-mtls");
        TestCertificates certificates = TestCertificates.create(dir);
        assertThat(principalOf(certificates, "RULE:^CN=([^,]+),OU=apps.*$/$1/U,DEFAULT"))
                .isEqualTo(new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "CLIENT-1"));
        assertThat(principalOf(certificates, "DEFAULT"))
                .isEqualTo(new KafkaPrincipal(KafkaPrincipal.USER_TYPE, TestCertificates.CLIENT_DN));
    }

    private static KafkaPrincipal principalOf(TestCertificates certificates, String rules) throws Exception {
        Map<String, Object> configs = new HashMap<>(certificates.brokerSsl(""));
        configs.put("ssl.client.auth", "required");
        configs.put("ssl.principal.mapping.rules", rules);
        ListenerSecurity security = ListenerSecurity.create("SSL", SecurityProtocol.SSL, configs,
                ScramCredentialStore.NONE, 5_000);
        List<RequestContext> seen = new CopyOnWriteArrayList<>();
        NettyServer server = new NettyServer(NetworkConfig.defaults(Endpoint.parseList("SSL://127.0.0.1:0")),
                (api, version) -> api == ApiKeys.API_VERSIONS, (context, request) -> {
                    seen.add(context);
                    return CompletableFuture.completedFuture(ResponseAction.send(
                            new ApiVersionsResponse(new ApiVersionsResponseData())));
                }, Map.of("SSL", security));
        server.start();
        try (SSLSocket socket = (SSLSocket) clientContext(certificates).getSocketFactory()
                .createSocket("127.0.0.1", server.boundPort("SSL"))) {
            socket.setSoTimeout(10_000);
            ByteBuffer request = new ApiVersionsRequest.Builder().build((short) 3)
                    .serializeWithHeader(new RequestHeader(ApiKeys.API_VERSIONS, (short) 3, "mtls-test", 1));
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(request.remaining());
            out.write(request.array(), request.arrayOffset() + request.position(), request.remaining());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            in.readNBytes(size);
        } finally {
            server.close();
        }
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).securityProtocol()).isEqualTo(SecurityProtocol.SSL);
        return seen.get(0).principal();
    }

    private static SSLContext clientContext(TestCertificates certificates) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.clientKeystore())) {
            keys.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, TestCertificates.PASSWORD.toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.truststore())) {
            trust.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
