package io.tributary.console.session;

import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * A browser's session: who is logged in (or the anonymous principal when the console needs no login), the token
 * its changing requests must carry (CSRF), and its clients.
 */
public final class ConsoleSession {

    private final String id;
    private final KafkaPrincipal principal;
    private final boolean authenticated;
    private final String csrfToken;
    private final SessionClients clients;
    private volatile long lastUsedMs;

    ConsoleSession(String id, KafkaPrincipal principal, boolean authenticated, String csrfToken,
                   SessionClients clients, long nowMs) {
        this.id = id;
        this.principal = principal;
        this.authenticated = authenticated;
        this.csrfToken = csrfToken;
        this.clients = clients;
        this.lastUsedMs = nowMs;
    }

    public String id() {
        return id;
    }

    /** {@code User:<name>} after a login, {@code User:ANONYMOUS} without. */
    public KafkaPrincipal principal() {
        return principal;
    }

    public boolean authenticated() {
        return authenticated;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public SessionClients clients() {
        return clients;
    }

    void touch(long nowMs) {
        lastUsedMs = nowMs;
    }

    long lastUsedMs() {
        return lastUsedMs;
    }
}
