package io.tributary.it.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The console's JSON API as a browser uses it: one cookie jar (the session), and the CSRF token from
 * {@code GET /session} on every changing call. Each call returns the status and the body as JSON.
 *
 * <pre>
 * ConsoleApi api = ConsoleApi.of(broker.httpPort());
 * ConsoleApi.Response created = api.post("/topics", Map.of("name", "orders", "partitions", 3));
 * </pre>
 */
public final class ConsoleApi {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One answer: its HTTP status and JSON body (a missing node when the body is empty). */
    public record Response(int status, JsonNode body) {
        /** The error code of an error body ({@code {"error", "code"}}), or null. */
        public String code() {
            return body.path("code").isMissingNode() ? null : body.path("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final String base;
    private final HttpClient client;
    private String csrfToken;

    private ConsoleApi(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(TIMEOUT).build();
    }

    /** The API of the console on this HTTP port of 127.0.0.1. */
    public static ConsoleApi of(int httpPort) {
        return new ConsoleApi("http://127.0.0.1:" + httpPort + "/console/api");
    }

    /** Logs in (consoles that require it); the session's cookie and CSRF token are kept for the next calls. */
    public Response login(String user, String password) {
        Response response = send("POST", "/login", java.util.Map.of("username", user, "password", password), false);
        if (response.status() == 200) {
            csrfToken = response.body().path("csrfToken").asText(null);
        }
        return response;
    }

    public Response get(String path) {
        return send("GET", path, null, false);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, true);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, true);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, true);
    }

    /** A changing call without the CSRF header, as a forged cross-site request would be. */
    public Response postWithoutCsrfToken(String path, Object body) {
        return send("POST", path, body, false);
    }

    /** A path segment (a topic name) encoded for a URL. */
    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Response send(String method, String path, Object body, boolean withCsrf) {
        try {
            if (withCsrf && csrfToken == null) {
                csrfToken = get("/session").body().path("csrfToken").asText(null);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                    .header("Accept", "application/json");
            if (withCsrf && csrfToken != null) {
                request.header("X-CSRF-Token", csrfToken);
            }
            if (body != null) {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? JSON.missingNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
