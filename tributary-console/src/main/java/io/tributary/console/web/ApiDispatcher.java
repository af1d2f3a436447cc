package io.tributary.console.web;

import com.sun.net.httpserver.HttpExchange;
import io.tributary.console.ConsoleSettings;
import io.tributary.console.http.ConsoleRequest;
import io.tributary.console.http.HttpError;
import io.tributary.console.http.Json;
import io.tributary.console.http.KafkaErrors;
import io.tributary.console.http.Router;
import io.tributary.console.session.ConsoleSession;
import io.tributary.console.session.SessionRefused;
import io.tributary.console.session.Sessions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One API call from routing to answer: finds the session (its cookie), refuses a changing call in read-only mode or
 * without the session's CSRF token, runs the handler and writes its JSON, or the error as {@code {"error", "code"}}.
 */
public final class ApiDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Calls that need no session yet. */
    private static final List<String> SESSIONLESS = List.of("/session", "/login");

    private final Router router;
    private final Sessions sessions;
    private final ConsoleSettings settings;

    public ApiDispatcher(Router router, Sessions sessions, ConsoleSettings settings) {
        this.router = router;
        this.sessions = sessions;
        this.settings = settings;
    }

    public void dispatch(HttpExchange exchange, String path) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        try {
            String method = exchange.getRequestMethod();
            Optional<Router.Match> match = router.match(method, path);
            if (match.isEmpty()) {
                throw router.knowsPath(path) ? new HttpError(405, "Method not allowed")
                        : HttpError.notFound("No such API: " + path);
            }
            boolean safe = "GET".equals(method) || "HEAD".equals(method);
            if (!safe) {
                checkSameOrigin(exchange);
            }
            ConsoleSession session = session(exchange, path);
            if (!safe && session != null && !SESSIONLESS.contains(path)) {
                String token = exchange.getRequestHeaders().getFirst(CSRF_HEADER);
                if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                        session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
                    throw new HttpError(403, "Missing or wrong " + CSRF_HEADER + " header", "CSRF");
                }
            }
            if (match.get().changing() && settings.readOnly()) {
                throw new HttpError(403, "The console is read-only (tributary.console.read.only=true)", "READ_ONLY");
            }
            Object result = match.get().handler().handle(new ConsoleRequest(exchange, match.get().params(), session));
            if (result != ConsoleRequest.STREAMED) {
                send(exchange, 200, result);
            }
        } catch (HttpError e) {
            sendError(exchange, e);
        } catch (SessionRefused e) {
            sendError(exchange, new HttpError(e.status(), e.getMessage(), e.code()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warn("Console API {} {}: answer not serializable", exchange.getRequestMethod(), path, e);
            sendError(exchange, new HttpError(500, "The answer could not be written as JSON"));
        } catch (IOException e) {
            // the browser went away (a page left mid-call): nobody to answer
            LOG.debug("Console API {} {}: connection lost", exchange.getRequestMethod(), path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendError(exchange, new HttpError(503, "The console is shutting down"));
        } catch (Exception e) {
            HttpError error = KafkaErrors.toHttp(e);
            if (error.status() == 500) {
                LOG.warn("Console API {} {} failed", exchange.getRequestMethod(), path, e);
            }
            sendError(exchange, error);
        }
    }

    /** The cookie's session; an anonymous one is made when the console needs no login; null only for login calls. */
    private ConsoleSession session(HttpExchange exchange, String path) {
        Optional<ConsoleSession> existing = sessions.find(cookie(exchange));
        if (existing.isPresent()) {
            return existing.get();
        }
        if (SESSIONLESS.contains(path) && settings.loginRequired()) {
            return null;
        }
        if (settings.loginRequired()) {
            throw new HttpError(401, "Log in first", "NOT_LOGGED_IN");
        }
        ConsoleSession session = sessions.anonymous();
        setSessionCookie(exchange, session);
        return session;
    }

    public static void setSessionCookie(HttpExchange exchange, ConsoleSession session) {
        exchange.getResponseHeaders().add("Set-Cookie", Sessions.COOKIE + "=" + session.id()
                + "; Path=/console; HttpOnly; SameSite=Strict");
    }

    public static void clearSessionCookie(HttpExchange exchange) {
        exchange.getResponseHeaders().add("Set-Cookie", Sessions.COOKIE + "=; Path=/console; HttpOnly; "
                + "SameSite=Strict; Max-Age=0");
    }

    private static String cookie(HttpExchange exchange) {
        List<String> headers = exchange.getRequestHeaders().get("Cookie");
        if (headers == null) {
            return null;
        }
        for (String header : headers) {
            for (String part : header.split(";")) {
                String trimmed = part.trim();
                if (trimmed.startsWith(Sessions.COOKIE + "=")) {
                    return trimmed.substring(Sessions.COOKIE.length() + 1);
                }
            }
        }
        return null;
    }

    /** A browser names the page that sent a changing call: it must be this console's own origin. */
    private static void checkSameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (origin == null) {
            return; // not a browser's cross-site request (curl, the tests' HTTP client); the CSRF token still applies
        }
        String originHost;
        try {
            URI uri = URI.create(origin);
            originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            throw new HttpError(403, "Cross-origin request refused", "CSRF");
        }
        if (host == null || !host.equalsIgnoreCase(originHost)) {
            throw new HttpError(403, "Cross-origin request refused", "CSRF");
        }
    }

    static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendError(HttpExchange exchange, HttpError error) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.getMessage());
        if (error.code() != null) {
            body.put("code", error.code());
        }
        try {
            send(exchange, error.status(), body);
        } catch (IOException | IllegalStateException e) {
            // headers already sent (an event stream that failed mid-way) or the browser has gone
            LOG.debug("Could not send the console error {}", error.getMessage(), e);
        }
    }
}
