package io.tributary.network;

import io.tributary.network.security.ListenerSecurity;
import java.net.InetAddress;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.requests.SaslHandshakeResponse;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SaslAuthenticationContext;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.auth.SslAuthenticationContext;
import org.apache.kafka.common.security.authenticator.SaslInternalConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's authentication, as Kafka's SaslServerAuthenticator behaves on the wire: who the connection is
 * (the TLS client certificate's principal, the SASL user, or {@code User:ANONYMOUS}), the SaslHandshake and
 * SaslAuthenticate (v0-2) exchange, KIP-368 re-authentication and session expiry. Until a SASL connection has
 * authenticated it may only send ApiVersions, SaslHandshake and SaslAuthenticate; anything else closes it. A failed
 * exchange is answered with Kafka's error and a message, then the connection is closed.
 *
 * <p>After a SaslHandshake v0 (clients older than Kafka 1.0, and librdkafka's PLAIN/SCRAM when it finds no v1) the
 * SASL tokens travel bare until the exchange completes: each frame is a raw token (4-byte size, then the token, no
 * Kafka request header) handed to {@link #rawToken}, and each challenge goes back the same way; a failure is not
 * answered, the connection is just closed, as in Kafka. Re-authentication needs SaslAuthenticate, so it is only
 * offered after a v1 handshake. Event-loop confined.
 */
final class ConnectionAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(ConnectionAuthenticator.class);

    /** What the network does with a request before (or instead of) the broker's handler. */
    record Verdict(ResponseAction answer) {
        static final Verdict PASS = new Verdict(null);
        static final Verdict CLOSE = new Verdict(ResponseAction.closeConnection());

        boolean passes() {
            return answer == null;
        }
    }

    /**
     * What to send back for a raw SASL token (SaslHandshake v0): {@code token} as one size-prefixed frame (nothing when
     * null, an empty frame when empty), then close the connection if {@code close}.
     */
    record RawReply(byte[] token, boolean close) {
        static final RawReply CLOSE = new RawReply(null, true);
    }

    private final ListenerSecurity security;
    private final InetAddress clientAddress;
    private KafkaPrincipal principal = KafkaPrincipal.ANONYMOUS;
    private SSLSession tlsSession;
    private SaslServer exchange;
    private String mechanism;
    private boolean authenticated;
    /** Between a successful SaslHandshake v0 and the end of its exchange: frames are raw SASL tokens. */
    private boolean rawTokens;
    private long sessionExpiresNanos = Long.MAX_VALUE;

    ConnectionAuthenticator(ListenerSecurity security, InetAddress clientAddress) {
        this.security = security;
        this.clientAddress = clientAddress;
    }

    /** Whether a SASL exchange has completed on this connection (always false on other listeners). */
    boolean isAuthenticated() {
        return authenticated;
    }

    /** Whether the next frame is a raw SASL token (a SaslHandshake v0 exchange is under way), not a Kafka request. */
    boolean expectsRawToken() {
        return rawTokens;
    }

    KafkaPrincipal principal() {
        return principal;
    }

    SecurityProtocol protocol() {
        return security.protocol();
    }

    /** The TLS handshake finished: on an SSL listener the client certificate (if any) names the principal. */
    void tlsEstablished(SSLSession session) {
        this.tlsSession = session;
        if (security.protocol() == SecurityProtocol.SSL) {
            principal = security.principalBuilder().build(
                    new SslAuthenticationContext(session, clientAddress, security.listenerName()));
        }
    }

    Verdict check(AbstractRequest request) {
        ApiKeys api = request.apiKey();
        if (!security.usesSasl()) {
            return switch (api) {
                case SASL_HANDSHAKE -> new Verdict(ResponseAction.send(new SaslHandshakeResponse(
                        new SaslHandshakeResponseData().setErrorCode(Errors.ILLEGAL_SASL_STATE.code()))));
                case SASL_AUTHENTICATE -> new Verdict(ResponseAction.send(authenticateError(Errors.ILLEGAL_SASL_STATE,
                        "SaslAuthenticate request received on a " + security.protocol() + " listener")));
                default -> Verdict.PASS;
            };
        }
        return switch (api) {
            case SASL_HANDSHAKE -> handshake((SaslHandshakeRequest) request);
            case SASL_AUTHENTICATE -> authenticate((SaslAuthenticateRequest) request);
            case API_VERSIONS -> Verdict.PASS;
            default -> checkAuthenticated(api);
        };
    }

    private Verdict checkAuthenticated(ApiKeys api) {
        if (!authenticated) {
            log.info("Closing {} connection from {}: {} request before SASL authentication", security.listenerName(),
                    clientAddress, api);
            return Verdict.CLOSE;
        }
        if (sessionExpiresNanos != Long.MAX_VALUE && System.nanoTime() - sessionExpiresNanos > 0) {
            log.info("Closing {} connection of {}: its SASL session expired without re-authentication",
                    security.listenerName(), principal);
            return Verdict.CLOSE;
        }
        return Verdict.PASS;
    }

    private Verdict handshake(SaslHandshakeRequest request) {
        String requested = request.data().mechanism();
        boolean raw = request.version() == 0;
        if (raw && authenticated) {
            // Re-authentication needs SaslAuthenticate (KIP-368), so a v1 handshake, as in Kafka.
            return fail(new SaslHandshakeResponse(new SaslHandshakeResponseData()
                    .setErrorCode(Errors.ILLEGAL_SASL_STATE.code())), "SaslHandshake v0 on an authenticated connection");
        }
        if (exchange != null) {
            return fail(new SaslHandshakeResponse(new SaslHandshakeResponseData()
                    .setErrorCode(Errors.ILLEGAL_SASL_STATE.code())), "SaslHandshake during an exchange");
        }
        if (!security.sasl().isEnabled(requested) || (authenticated && !requested.equals(mechanism))) {
            return fail(new SaslHandshakeResponse(new SaslHandshakeResponseData()
                    .setErrorCode(Errors.UNSUPPORTED_SASL_MECHANISM.code())
                    .setMechanisms(security.sasl().enabled())), "unsupported SASL mechanism " + requested);
        }
        try {
            exchange = security.sasl().newServer(requested);
        } catch (SaslException e) {
            return fail(new SaslHandshakeResponse(new SaslHandshakeResponseData()
                    .setErrorCode(Errors.UNSUPPORTED_SASL_MECHANISM.code())
                    .setMechanisms(security.sasl().enabled())), e.getMessage());
        }
        mechanism = requested;
        rawTokens = raw;
        return new Verdict(ResponseAction.send(new SaslHandshakeResponse(new SaslHandshakeResponseData()
                .setErrorCode(Errors.NONE.code()).setMechanisms(security.sasl().enabled()))));
    }

    private Verdict authenticate(SaslAuthenticateRequest request) {
        if (exchange == null) {
            return fail(authenticateError(Errors.ILLEGAL_SASL_STATE,
                    "SaslAuthenticate request received before a SaslHandshake"), "SaslAuthenticate out of order");
        }
        byte[] challenge;
        try {
            challenge = exchange.evaluateResponse(request.data().authBytes());
        } catch (SaslAuthenticationException e) {
            return failExchange(e.getMessage());
        } catch (SaslException | RuntimeException e) {
            log.debug("SASL {} exchange failed for {}", mechanism, clientAddress, e);
            return failExchange("Authentication failed during authentication due to invalid credentials with SASL "
                    + "mechanism " + mechanism);
        }
        if (!exchange.isComplete()) {
            return new Verdict(ResponseAction.send(new SaslAuthenticateResponse(new SaslAuthenticateResponseData()
                    .setAuthBytes(challenge))));
        }
        KafkaPrincipal authenticatedAs = security.principalBuilder().build(new SaslAuthenticationContext(exchange,
                security.protocol(), clientAddress, security.listenerName(), Optional.ofNullable(tlsSession)));
        if (authenticated && !authenticatedAs.equals(principal)) {
            return failExchange("Cannot change principals during re-authentication from " + principal + " to "
                    + authenticatedAs);
        }
        long lifetimeMs = sessionLifetimeMs(exchange);
        disposeExchange();
        principal = authenticatedAs;
        authenticated = true;
        sessionExpiresNanos = lifetimeMs > 0 ? System.nanoTime() + lifetimeMs * 1_000_000L : Long.MAX_VALUE;
        return new Verdict(ResponseAction.send(new SaslAuthenticateResponse(new SaslAuthenticateResponseData()
                .setAuthBytes(challenge == null ? new byte[0] : challenge).setSessionLifetimeMs(lifetimeMs))));
    }

    /**
     * One raw SASL token of a SaslHandshake v0 exchange, as Kafka's SaslServerAuthenticator takes it: the server's
     * challenge goes back bare (nothing at all when the mechanism has none; PLAIN's empty one as an empty frame) and a
     * failed exchange closes the connection without an answer. The session still expires after
     * {@code connections.max.reauth.ms} (or the credential's lifetime), though the client cannot re-authenticate.
     */
    RawReply rawToken(byte[] token) {
        if (!rawTokens || exchange == null) {
            throw new IllegalStateException("No SaslHandshake v0 exchange under way");
        }
        byte[] challenge;
        try {
            challenge = exchange.evaluateResponse(token);
        } catch (SaslAuthenticationException e) {
            return failRawExchange(e.getMessage());
        } catch (SaslException | RuntimeException e) {
            log.debug("SASL {} exchange failed for {}", mechanism, clientAddress, e);
            return failRawExchange("Authentication failed during authentication due to invalid credentials with SASL "
                    + "mechanism " + mechanism);
        }
        if (!exchange.isComplete()) {
            return new RawReply(challenge, false);
        }
        KafkaPrincipal authenticatedAs = security.principalBuilder().build(new SaslAuthenticationContext(exchange,
                security.protocol(), clientAddress, security.listenerName(), Optional.ofNullable(tlsSession)));
        long lifetimeMs = sessionLifetimeMs(exchange);
        disposeExchange();
        principal = authenticatedAs;
        authenticated = true;
        sessionExpiresNanos = lifetimeMs > 0 ? System.nanoTime() + lifetimeMs * 1_000_000L : Long.MAX_VALUE;
        return new RawReply(challenge, false);
    }

    private RawReply failRawExchange(String message) {
        disposeExchange();
        log.info("Failed authentication with {} ({})", clientAddress, message);
        return RawReply.CLOSE;
    }

    /** KIP-368: the shorter of connections.max.reauth.ms and what is left of the credential (a token's expiry). */
    private long sessionLifetimeMs(SaslServer server) {
        long maxReauthMs = security.maxReauthMs();
        Object expiry = server.getNegotiatedProperty(SaslInternalConfigs.CREDENTIAL_LIFETIME_MS_SASL_NEGOTIATED_PROPERTY_KEY);
        if (expiry instanceof Long expiresAtMs) {
            long left = Math.max(1, expiresAtMs - System.currentTimeMillis());
            return maxReauthMs > 0 ? Math.min(maxReauthMs, left) : left;
        }
        return maxReauthMs;
    }

    private Verdict failExchange(String message) {
        disposeExchange();
        log.info("Failed authentication with {} ({})", clientAddress, message);
        return new Verdict(ResponseAction.sendAndClose(authenticateError(Errors.SASL_AUTHENTICATION_FAILED, message)));
    }

    private Verdict fail(org.apache.kafka.common.requests.AbstractResponse response, String why) {
        disposeExchange();
        log.info("Closing {} connection from {}: {}", security.listenerName(), clientAddress, why);
        return new Verdict(ResponseAction.sendAndClose(response));
    }

    private static SaslAuthenticateResponse authenticateError(Errors error, String message) {
        return new SaslAuthenticateResponse(new SaslAuthenticateResponseData().setErrorCode(error.code())
                .setErrorMessage(message).setAuthBytes(new byte[0]));
    }

    void close() {
        disposeExchange();
    }

    private void disposeExchange() {
        rawTokens = false;
        if (exchange != null) {
            try {
                exchange.dispose();
            } catch (SaslException e) {
                log.debug("Disposing the SASL server failed", e);
            }
            exchange = null;
        }
    }

}
