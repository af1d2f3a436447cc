package io.tributary.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Kubernetes probes. {@code /health/live}: the process runs and answers (200 whatever the broker's state).
 * {@code /health/ready}: 200 only while the broker serves clients (logs recovered, registered, unfenced, handlers
 * in place: Kafka's RUNNING state), 503 while starting, recovering or shutting down. The body names the state.
 */
public final class HealthHandler implements HttpHandler {

    private final Supplier<String> state;
    private final boolean readiness;

    private HealthHandler(Supplier<String> state, boolean readiness) {
        this.state = state;
        this.readiness = readiness;
    }

    public static HealthHandler liveness(Supplier<String> state) {
        return new HealthHandler(state, false);
    }

    /** Ready when the state is {@code RUNNING}. */
    public static HealthHandler readiness(Supplier<String> state) {
        return new HealthHandler(state, true);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String current = state.get();
        boolean up = !readiness || "RUNNING".equals(current);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        Responses.send(exchange, up ? 200 : 503, "application/json",
                "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"brokerState\":\"" + current + "\"}\n");
    }
}
