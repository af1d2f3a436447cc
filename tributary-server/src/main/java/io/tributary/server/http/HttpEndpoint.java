package io.tributary.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's built-in HTTP server ({@code tributary.http.listener}): the JDK's own HTTP server with one handler
 * per exact path, so new routes (a web console) are one {@link Builder#route} more. Two small daemon threads: a
 * scrape or a probe never waits behind the other for long, and nothing here touches the Kafka-protocol event loops.
 */
public final class HttpEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final int THREADS = 2;
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** The address of a {@code http://host:port} setting; empty when the setting is empty (disabled). */
    public static Optional<InetSocketAddress> parseListener(String setting) {
        if (setting == null || setting.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(setting.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("tributary.http.listener", setting, "not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null || uri.getPort() < 0) {
            throw new ConfigException("tributary.http.listener", setting,
                    "expected http://host:port (port 0 picks a free one; empty disables the endpoint)");
        }
        return Optional.of(new InetSocketAddress(uri.getHost(), uri.getPort()));
    }

    public static Builder builder(InetSocketAddress address) {
        return new Builder(address);
    }

    /**
     * Serves every path under {@code prefix} with {@code handler}, from now on (the console mounts itself once the
     * broker serves). The handler owns the exchange: it may answer on another thread, and must close it.
     */
    public void mount(String prefix, HttpHandler handler) {
        server.createContext(prefix, handler);
        LOG.info("HTTP endpoint serves {} on port {}", prefix, port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Routes by exact path; anything else is 404, any method but GET and HEAD 405. */
    public static final class Builder {
        private final InetSocketAddress address;
        private final Map<String, HttpHandler> routes = new LinkedHashMap<>();

        private Builder(InetSocketAddress address) {
            this.address = address;
        }

        public Builder route(String path, HttpHandler handler) {
            routes.put(path, handler);
            return this;
        }

        public HttpEndpoint start() throws IOException {
            // The JDK server reads this once, when first used: without it a small answer waits for the client's
            // delayed ACK (~40 ms on Linux), which every console call and scrape would pay. An explicit -D wins.
            if (System.getProperty(NODELAY_PROPERTY) == null) {
                System.setProperty(NODELAY_PROPERTY, "true");
            }
            HttpServer server = HttpServer.create(address, 0);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
                Thread thread = new Thread(r, "tributary-http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            Map<String, HttpHandler> exact = Map.copyOf(routes);
            server.createContext("/", exchange -> dispatch(exact, exchange));
            server.start();
            HttpEndpoint endpoint = new HttpEndpoint(server, executor);
            LOG.info("HTTP endpoint listening on http://{}:{} ({})", address.getHostString(), endpoint.port(),
                    String.join(", ", exact.keySet()));
            return endpoint;
        }

        private static void dispatch(Map<String, HttpHandler> routes, HttpExchange exchange) throws IOException {
            try (exchange) {
                HttpHandler handler = routes.get(exchange.getRequestURI().getPath());
                if (handler == null) {
                    Responses.send(exchange, 404, "text/plain; charset=utf-8", "Not found\n");
                    return;
                }
                String method = exchange.getRequestMethod();
                if (!"GET".equals(method) && !"HEAD".equals(method)) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    Responses.send(exchange, 405, "text/plain; charset=utf-8", "Method not allowed\n");
                    return;
                }
                handler.handle(exchange);
            } catch (IOException | RuntimeException e) {
                LOG.debug("HTTP request {} failed", exchange.getRequestURI(), e);
                throw e;
            }
        }
    }
}
