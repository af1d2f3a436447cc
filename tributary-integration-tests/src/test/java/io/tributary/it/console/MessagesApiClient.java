package io.tributary.it.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The console's messages API over HTTP as a browser uses it: a session cookie, the CSRF token on POSTs, and event
 * streams read line by line.
 */
final class MessagesApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http;
    private String csrfToken;

    MessagesApiClient(int httpPort) {
        this.base = "http://127.0.0.1:" + httpPort + "/console/api";
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    record Response(int status, JsonNode body) {
    }

    /** One server-sent event: its name and its data as JSON. */
    record Event(String name, JsonNode data) {
    }

    Response get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    Response post(String path, Object body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    /** Reads an event stream until a {@code done} or {@code failure} event (or the stream ends). */
    List<Event> events(String path) throws Exception {
        try (EventReader reader = open(path)) {
            List<Event> events = new ArrayList<>();
            Event event;
            while ((event = reader.next()) != null) {
                events.add(event);
                if (event.name().equals("done") || event.name().equals("failure")) {
                    break;
                }
            }
            return events;
        }
    }

    EventReader open(String path) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new EventReader(response.body());
    }

    static final class EventReader implements AutoCloseable {
        private final InputStream in;
        private final BufferedReader lines;

        EventReader(InputStream in) {
            this.in = in;
            this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        /** The next event (heartbeat comments skipped); null at the end of the stream. */
        Event next() throws IOException {
            String name = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (name != null) {
                        return new Event(name, JSON.readTree(data.toString()));
                    }
                    continue;
                }
                if (line.startsWith("event: ")) {
                    name = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring("data: ".length()));
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    static String query(Map<String, ?> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }

    static String text(JsonNode base64) {
        return base64 == null || base64.isNull() ? null
                : new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
    }

    private String csrfToken() throws Exception {
        if (csrfToken == null) {
            csrfToken = get("/session").body().get("csrfToken").asText();
        }
        return csrfToken;
    }
}
