package io.tributary.bench.tools;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.sasl.SaslClient;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.requests.SaslHandshakeResponse;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.security.scram.internals.ScramSaslClient;

/**
 * How the start-up probe reaches the broker, from a Kafka client config ({@code security.protocol} PLAINTEXT, SSL or
 * SASL_SSL with a SCRAM mechanism): a blocking socket, wrapped in TLS with the config's trust store, and
 * authenticated with SaslHandshake v1 and SaslAuthenticate before the caller's request, as a Kafka client does.
 */
final class ProbeConnection {

    private static final Pattern JAAS_OPTION = Pattern.compile("(username|password)\\s*=\\s*\"([^\"]*)\"");

    private final String protocol;
    private final SSLContext tls;
    private final String mechanism;
    private final String username;
    private final String password;

    private ProbeConnection(String protocol, SSLContext tls, String mechanism, String username, String password) {
        this.protocol = protocol;
        this.tls = tls;
        this.mechanism = mechanism;
        this.username = username;
        this.password = password;
    }

    static ProbeConnection fromClientConfig(Properties config) throws GeneralSecurityException, IOException {
        String protocol = config.getProperty("security.protocol", "PLAINTEXT");
        SSLContext tls = null;
        if (protocol.endsWith("SSL")) tls = sslContext(config);
        String mechanism = null;
        String username = null;
        String password = null;
        if (protocol.startsWith("SASL_")) {
            mechanism = config.getProperty("sasl.mechanism", "GSSAPI");
            if (!ScramMechanism.isScram(mechanism))
                throw new IllegalArgumentException("The probe speaks SCRAM only, not " + mechanism);
            Matcher m = JAAS_OPTION.matcher(config.getProperty("sasl.jaas.config", ""));
            while (m.find()) {
                if (m.group(1).equals("username")) username = m.group(2);
                else password = m.group(2);
            }
            if (username == null || password == null)
                throw new IllegalArgumentException("sasl.jaas.config needs username and password");
        } else if (!protocol.equals("PLAINTEXT") && !protocol.equals("SSL")) {
            throw new IllegalArgumentException("Unsupported security.protocol " + protocol);
        }
        return new ProbeConnection(protocol, tls, mechanism, username, password);
    }

    private static SSLContext sslContext(Properties config) throws GeneralSecurityException, IOException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        String location = config.getProperty("ssl.truststore.location");
        if (location == null) {
            trust.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance(config.getProperty("ssl.truststore.type", "JKS"));
            String storePassword = config.getProperty("ssl.truststore.password");
            try (InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(location))) {
                store.load(in, storePassword == null ? null : storePassword.toCharArray());
            }
            trust.init(store);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Loads the TLS client classes (a ClientHello is built, not sent) so the first real handshake is not cold. */
    void warmUp() throws IOException {
        if (tls == null) return;
        SSLEngine engine = tls.createSSLEngine("127.0.0.1", 0);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
    }

    /** Opens a connection ready for Kafka requests: TLS handshake and SASL exchange done. */
    Socket open(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address);
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory()
                        .createSocket(socket, address.getHostString(), address.getPort(), true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // as Kafka clients check by default
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
                socket = ssl;
            }
            if (mechanism != null) authenticate(socket);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void authenticate(Socket socket) throws IOException {
        RequestHeader handshakeHeader = new RequestHeader(ApiKeys.SASL_HANDSHAKE, (short) 1, "bench-startup-probe", 2);
        SaslHandshakeResponse handshake = (SaslHandshakeResponse) exchange(socket, handshakeHeader,
                new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism(mechanism)).build((short) 1));
        if (handshake.error() != Errors.NONE) throw new IOException("SaslHandshake: " + handshake.error());
        SaslClient client;
        try {
            client = new ScramSaslClient(ScramMechanism.forMechanismName(mechanism), callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback name) name.setName(username);
                    else if (callback instanceof PasswordCallback pw) pw.setPassword(password.toCharArray());
                    else throw new javax.security.auth.callback.UnsupportedCallbackException(callback);
                }
            });
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        byte[] token = client.evaluateChallenge(new byte[0]);
        int correlation = 3;
        while (token != null) {
            RequestHeader header = new RequestHeader(ApiKeys.SASL_AUTHENTICATE, (short) 2, "bench-startup-probe",
                    correlation++);
            SaslAuthenticateResponse response = (SaslAuthenticateResponse) exchange(socket, header,
                    new SaslAuthenticateRequest.Builder(new SaslAuthenticateRequestData().setAuthBytes(token))
                            .build((short) 2));
            if (response.error() != Errors.NONE)
                throw new IOException("SaslAuthenticate: " + response.error() + " " + response.errorMessage());
            // SCRAM: the server's first message gets the client's final one; its final message gets null.
            token = client.evaluateChallenge(response.saslAuthBytes());
        }
    }

    private static AbstractResponse exchange(Socket socket, RequestHeader header, AbstractRequest request)
            throws IOException {
        ByteBuffer body = request.serializeWithHeader(header);
        ByteBuffer frame = ByteBuffer.allocate(Integer.BYTES + body.remaining()).putInt(body.remaining()).put(body);
        write(socket, frame.flip());
        return AbstractResponse.parseResponse(read(socket), header);
    }

    static void write(Socket socket, ByteBuffer frame) throws IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
        out.flush();
    }

    static ByteBuffer read(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] response = new byte[in.readInt()];
        in.readFully(response);
        return ByteBuffer.wrap(response);
    }

    String protocol() {
        return protocol;
    }

    static ProbeConnection plaintext() {
        return new ProbeConnection("PLAINTEXT", null, null, null, null);
    }
}
