package io.tributary.it.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A browser's view of the console's JSON API for the groups, transactions and security tests: one cookie jar (the
 * session), the CSRF token from {@code GET /session} sent with every changing call.
 */
final class GroupsApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: the HTTP status and the JSON body. */
    record Response(int status, JsonNode json) {
        String code() {
            return json.path("code").asText(null);
        }
    }

    private final String base;
    private final HttpClient http;
    private String csrfToken;

    GroupsApiClient(int httpPort) {
        this.base = "http://127.0.0.1:" + httpPort + "/console/api";
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response post(String path, Object body) throws IOException, InterruptedException {
        return send(withCsrf(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))));
    }

    Response delete(String path) throws IOException, InterruptedException {
        return send(withCsrf(HttpRequest.newBuilder(URI.create(base + path)).DELETE()));
    }

    /** POST /login; on success the session's CSRF token is kept for the calls that follow. */
    Response login(String user, String password) throws IOException, InterruptedException {
        Response response = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(
                        Map.of("username", user, "password", password)))));
        if (response.status() == 200) {
            csrfToken = response.json().path("csrfToken").asText();
        }
        return response;
    }

    private HttpRequest.Builder withCsrf(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (csrfToken == null) {
            csrfToken = get("/session").json().path("csrfToken").asText();
        }
        return request.header("X-CSRF-Token", csrfToken);
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Response(response.statusCode(), json);
    }
}
