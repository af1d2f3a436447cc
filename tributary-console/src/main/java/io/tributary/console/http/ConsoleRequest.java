package io.tributary.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.tributary.console.session.ConsoleSession;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/** One console API call: its path and query parameters, JSON body, and the session it belongs to. */
public final class ConsoleRequest {

    /** Returned by a handler that wrote its own response (an event stream). */
    public static final Object STREAMED = new Object();

    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final HttpExchange exchange;
    private final Map<String, String> pathParams;
    private final Map<String, String> query;
    private final ConsoleSession session;
    private JsonNode body;

    public ConsoleRequest(HttpExchange exchange, Map<String, String> pathParams, ConsoleSession session) {
        this.exchange = exchange;
        this.pathParams = pathParams;
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
        this.session = session;
    }

    public HttpExchange exchange() {
        return exchange;
    }

    public ConsoleSession session() {
        return session;
    }

    /** The session's Admin client: it connects as the logged-in user, so the broker applies that user's ACLs. */
    public Admin admin() {
        return session.clients().admin();
    }

    public String path(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("No path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    public String query(String name, String defaultValue) {
        return query(name).orElse(defaultValue);
    }

    public long queryLong(String name, long defaultValue) {
        Optional<String> value = query(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest(name + " must be a number, not '" + value.get() + "'");
        }
    }

    /** The JSON body (an empty object when there is none); a body that is not JSON is a 400. */
    public JsonNode body() throws IOException {
        if (body == null) {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
                if (bytes.length > MAX_BODY_BYTES) {
                    throw new HttpError(413, "The request body is larger than " + MAX_BODY_BYTES + " bytes");
                }
                body = bytes.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(bytes);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw HttpError.badRequest("The request body is not JSON: " + e.getOriginalMessage());
            }
            if (body == null || body.isMissingNode()) {
                body = Json.MAPPER.createObjectNode();
            }
        }
        return body;
    }

    /** Starts a server-sent event stream ({@code text/event-stream}); the handler then returns {@link #STREAMED}. */
    public EventStream eventStream() throws IOException {
        return EventStream.start(exchange);
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
