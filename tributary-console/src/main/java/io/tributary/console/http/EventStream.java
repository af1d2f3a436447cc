package io.tributary.console.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A server-sent event stream: the browser's {@code EventSource} reads it. A write that fails means the browser went
 * away, which is how a long search or a live tail learns to stop ({@link #isOpen}).
 */
public final class EventStream implements AutoCloseable {

    private final OutputStream out;
    private volatile boolean open = true;

    private EventStream(OutputStream out) {
        this.out = out;
    }

    static EventStream start(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        return new EventStream(exchange.getResponseBody());
    }

    /** Sends one event whose data is {@code payload} as JSON; false once the browser has gone. */
    public boolean send(String event, Object payload) {
        if (!open) {
            return false;
        }
        try {
            byte[] data = Json.MAPPER.writeValueAsBytes(payload);
            out.write(("event: " + event + "\ndata: ").getBytes(StandardCharsets.UTF_8));
            out.write(data);
            out.write("\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            open = false;
            return false;
        }
    }

    /** A comment line: keeps proxies from closing an idle stream and finds a gone browser. */
    public boolean heartbeat() {
        if (!open) {
            return false;
        }
        try {
            out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            open = false;
            return false;
        }
    }

    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        try {
            out.close();
        } catch (IOException ignored) {
            // the browser has gone
        }
    }
}
