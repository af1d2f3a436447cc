package io.tributary.console.session;

import io.tributary.console.ConsoleSettings;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * The console's sessions, found by an unguessable cookie. With a login mechanism a session exists only after the
 * broker accepted the user's credentials (the console's Admin client authenticates with them); without one, any
 * browser gets an anonymous session on first visit. Idle sessions are closed after the configured timeout.
 */
public final class Sessions implements AutoCloseable {

    public static final String COOKIE = "TRIBUTARY_CONSOLE_SESSION";

    /**
     * Sessions kept at most: a client that never sends the cookie back (a script) makes a session per call, which
     * must not grow the broker's memory without bound. Beyond it the least recently used anonymous session goes (its
     * browser simply gets a new one); a login is refused while logged-in sessions alone fill it.
     */
    static final int MAX_SESSIONS = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsoleSettings settings;
    private final ClientFactory clients;
    private final LongSupplier clock;
    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
    /** Anonymous sessions share one set of clients: they act as the same principal. */
    private SessionClients anonymousClients;

    public Sessions(ConsoleSettings settings, LongSupplier clock) {
        this.settings = settings;
        this.clients = new ClientFactory(settings);
        this.clock = clock;
    }

    /** The live session this cookie names, touched; empty when none (expired, logged out, never existed). */
    public Optional<ConsoleSession> find(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        ConsoleSession session = sessions.get(sessionId);
        if (session == null) {
            return Optional.empty();
        }
        long now = clock.getAsLong();
        if (now - session.lastUsedMs() > settings.sessionTimeoutMs()) {
            end(sessionId);
            return Optional.empty();
        }
        session.touch(now);
        return Optional.of(session);
    }

    /** A new session for a browser when no login is needed. */
    public ConsoleSession anonymous() {
        if (settings.loginRequired()) {
            throw new SessionRefused(401, "Log in first", "NOT_LOGGED_IN");
        }
        return add(KafkaPrincipal.ANONYMOUS, false, Optional.empty());
    }

    /**
     * Checks the credentials with the broker itself (a SASL handshake of the session's Admin client) and opens a
     * session for the user; a refused login is a 401 with nothing kept.
     */
    public ConsoleSession login(String user, String password) throws InterruptedException {
        if (!settings.loginRequired()) {
            throw new SessionRefused(400, "This console needs no login", null);
        }
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            throw new SessionRefused(401, "Enter a user name and a password", null);
        }
        ConsoleSession session = add(new KafkaPrincipal(KafkaPrincipal.USER_TYPE, user), true,
                Optional.of(new ClientFactory.Credentials(user, password)));
        try {
            session.clients().admin().describeCluster().clusterId().get(15, TimeUnit.SECONDS);
            return session;
        } catch (ExecutionException e) {
            end(session.id());
            if (e.getCause() instanceof SslAuthenticationException) {
                // not the user's fault: the console's clients do not trust the listener's certificate
                throw new SessionRefused(502, "The console could not connect to the broker over TLS: "
                        + e.getCause().getMessage(), "SSL_HANDSHAKE_FAILED");
            }
            if (e.getCause() instanceof AuthenticationException) {
                throw new SessionRefused(401, "The broker refused the login: " + e.getCause().getMessage(),
                        "SASL_AUTHENTICATION_FAILED");
            }
            throw new SessionRefused(502, "Could not reach the broker to check the login: " + e.getCause(), null);
        } catch (TimeoutException e) {
            end(session.id());
            throw new SessionRefused(504, "The broker did not answer the login in time", null);
        }
    }

    public void end(String sessionId) {
        ConsoleSession session = sessions.remove(sessionId);
        if (session != null && session.authenticated()) {
            session.clients().close();
        }
    }

    /** Closes the sessions idle for longer than the timeout. */
    public void expireIdle() {
        long now = clock.getAsLong();
        sessions.values().removeIf(s -> {
            if (now - s.lastUsedMs() > settings.sessionTimeoutMs()) {
                if (s.authenticated()) {
                    s.clients().close();
                }
                return true;
            }
            return false;
        });
    }

    private void makeRoom() {
        if (sessions.size() < MAX_SESSIONS) {
            return;
        }
        expireIdle();
        while (sessions.size() >= MAX_SESSIONS) {
            Optional<ConsoleSession> oldestAnonymous = sessions.values().stream().filter(s -> !s.authenticated())
                    .min(java.util.Comparator.comparingLong(ConsoleSession::lastUsedMs));
            if (oldestAnonymous.isEmpty()) {
                throw new SessionRefused(503, "Too many console sessions are open; try again later", null);
            }
            sessions.remove(oldestAnonymous.get().id());
        }
    }

    private ConsoleSession add(KafkaPrincipal principal, boolean authenticated,
                               Optional<ClientFactory.Credentials> credentials) {
        makeRoom();
        String id = token();
        SessionClients sessionClients = credentials.isPresent()
                ? new SessionClients(clients.properties(credentials.get().user(), credentials))
                : anonymousClients();
        ConsoleSession session = new ConsoleSession(id, principal, authenticated, token(), sessionClients,
                clock.getAsLong());
        sessions.put(id, session);
        return session;
    }

    private synchronized SessionClients anonymousClients() {
        if (anonymousClients == null) {
            anonymousClients = new SessionClients(clients.properties("anonymous", Optional.empty()));
        }
        return anonymousClients;
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        sessions.keySet().forEach(this::end);
        synchronized (this) {
            if (anonymousClients != null) {
                anonymousClients.close();
            }
        }
    }
}
