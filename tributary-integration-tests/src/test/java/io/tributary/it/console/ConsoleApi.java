package io.tributary.it.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The console's JSON API as a browser uses it: one cookie jar (the session), and the CSRF token from
 * {@code GET /session} on every changing call. Each call returns the status and the body as JSON; the event
 * streams of {@code /search} and {@code /tail} are read as {@link Event}s.
 *
 * <pre>
 * ConsoleApi api = ConsoleApi.of(broker.httpPort());
 * ConsoleApi.Response created = api.post("/topics", Map.of("name", "orders", "partitions", 3));
 * List&lt;ConsoleApi.Event&gt; found = api.events("/topics/orders/search?q=late");
 * </pre>
 */
public final class ConsoleApi {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #events(String)} reads a stream at most, and how many events it keeps at most. */
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_EVENTS = 10_000;

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

    /** One server-sent event: its name and its data as JSON. */
    public record Event(String name, JsonNode data) {
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
        Response response = send("POST", "/login", Map.of("username", user, "password", password), false);
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

    /** A changing call without the CSRF header, as a forged cross-site request would be. */
    public Response deleteWithoutCsrfToken(String path) {
        return send("DELETE", path, null, false);
    }

    /**
     * Reads an event stream until a {@code done} or {@code failure} event, the stream's end, or a bound (a minute, or
     * 10,000 events): the events read so far.
     */
    public List<Event> events(String path) {
        return events(path, STREAM_TIMEOUT, MAX_EVENTS);
    }

    /** As {@link #events(String)}, with its own bounds on time and on the number of events. */
    public List<Event> events(String path, Duration within, int maxEvents) {
        long deadline = System.nanoTime() + within.toNanos();
        try (EventStream stream = stream(path)) {
            List<Event> events = new ArrayList<>();
            while (events.size() < maxEvents) {
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                Optional<Event> next = left.isNegative() ? Optional.empty() : stream.poll(left);
                if (next == null || next.isEmpty()) {
                    break;
                }
                Event event = next.get();
                events.add(event);
                if (event.name().equals("done") || event.name().equals("failure")) {
                    break;
                }
            }
            return events;
        }
    }

    /** Opens an event stream (the caller closes it); a status other than 200 is an error. */
    public EventStream stream(String path) {
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(TIMEOUT).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                try (InputStream body = response.body()) {
                    throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                            + new String(body.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return new EventStream(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A query string ({@code ?a=1&b=x}) of these parameters, their values URL-encoded. */
    public static String query(Map<String, ?> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }

    /** The UTF-8 text of a base64 field (a message's key, value or header value); null for a null field. */
    public static String text(JsonNode base64) {
        return base64 == null || base64.isNull() ? null
                : new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
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

    /**
     * An open event stream. A daemon thread reads it (heartbeat comments skipped) so that waiting for the next
     * event can be bounded in time; closing the stream ends that thread.
     */
    public static final class EventStream implements AutoCloseable {
        private static final Optional<Event> END = Optional.empty();

        private final InputStream in;
        private final BlockingQueue<Optional<Event>> events = new LinkedBlockingQueue<>();
        private volatile boolean closed;
        private volatile IOException failure;

        private EventStream(InputStream in) {
            this.in = in;
            Thread reader = new Thread(this::readAll, "console-event-stream");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next event, waiting at most 30 seconds (an error if none came); null at the end of the stream. */
        public Event next() {
            Optional<Event> next = poll(TIMEOUT);
            if (next == null) {
                throw new AssertionError("no event within " + TIMEOUT);
            }
            return next.orElse(null);
        }

        /** The next event, an empty one at the end of the stream, or null if none came within the timeout. */
        private Optional<Event> poll(Duration timeout) {
            try {
                Optional<Event> next = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
                if (next != null && next.isEmpty()) {
                    events.add(END); // the end stays the end for later polls
                    if (failure != null) {
                        throw new UncheckedIOException(failure);
                    }
                }
                return next;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void readAll() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String name = null;
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (name != null) {
                            events.add(Optional.of(new Event(name, JSON.readTree(data.toString()))));
                            name = null;
                            data.setLength(0);
                        }
                    } else if (line.startsWith("event: ")) {
                        name = line.substring("event: ".length());
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring("data: ".length()));
                    }
                }
            } catch (IOException e) {
                if (!closed) {
                    failure = e; // an event that is not JSON, or the connection lost: the reader learns of it
                }
            } finally {
                events.add(END);
            }
        }

        @Override
        public void close() {
            closed = true;
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
